# ferrotls: builds libs2n.so.1 / libs2n.a and libtls.so.26 from one Rust static library.
#
#   make            build everything into target/lib (libraries) and target/include (headers)
#   make test       cargo tests, header/ABI checks, C tests (installs Debian test packages as root)
#   make demo       example C client and server
#   make headers    copy freshly generated headers into include/
#   make api-coverage   write docs/api-coverage.md
#   make install PREFIX=/usr/local

PREFIX   ?= /usr/local
CARGO    ?= cargo
CC       ?= gcc
LIBDIR   := target/lib
RUSTLIB  := target/release/libferrotls.a
NATIVE   := -lpthread -lm -ldl -lrt -lutil -lgcc_s -lc
CFLAGS   ?= -O1 -g -Wall -Wextra -Werror

S2N_SO   := $(LIBDIR)/libs2n.so.1
TLS_SO   := $(LIBDIR)/libtls.so.26

.PHONY: all lib headers test cargo-test c-tests abi-check null-sweep interop dropin demo api-coverage install clean test-deps bench

all: lib

# cargo decides whether the Rust side is up to date; the link steps below are cheap.
$(RUSTLIB): FORCE
	$(CARGO) build --release --lib --features c-allocator
FORCE:

$(LIBDIR)/s2n.map: $(RUSTLIB) scripts/exports.sh scripts/version-script.sh
	@mkdir -p $(LIBDIR)
	scripts/exports.sh src/capi/s2n s2n_errno | scripts/version-script.sh > $@
$(LIBDIR)/tls.map: $(RUSTLIB) scripts/exports.sh scripts/version-script.sh
	@mkdir -p $(LIBDIR)
	scripts/exports.sh src/capi/tls | scripts/version-script.sh > $@

# Each shared object is the whole Rust archive, linked with a version script that keeps
# exactly its ABI's symbols global; --gc-sections then drops the other ABI's code.
$(S2N_SO): $(RUSTLIB) $(LIBDIR)/s2n.map
	$(CC) -shared -o $@ -Wl,-soname,libs2n.so.1 -Wl,--version-script=$(LIBDIR)/s2n.map -Wl,--gc-sections \
	  -Wl,--whole-archive $(RUSTLIB) -Wl,--no-whole-archive $(NATIVE) -Wl,-z,defs
	ln -sf libs2n.so.1 $(LIBDIR)/libs2n.so
$(TLS_SO): $(RUSTLIB) $(LIBDIR)/tls.map
	$(CC) -shared -o $@ -Wl,-soname,libtls.so.26 -Wl,--version-script=$(LIBDIR)/tls.map -Wl,--gc-sections \
	  -Wl,--whole-archive $(RUSTLIB) -Wl,--no-whole-archive $(NATIVE) -Wl,-z,defs
	ln -sf libtls.so.26 $(LIBDIR)/libtls.so

# The static library: one relocatable object whose only global symbols are s2n's, so that
# programs linking it see neither Rust's nor aws-lc's internals.
$(LIBDIR)/libs2n.a: $(RUSTLIB) $(LIBDIR)/s2n.map
	scripts/exports.sh src/capi/s2n s2n_errno > $(LIBDIR)/s2n.syms
	ld -r -o $(LIBDIR)/libs2n.o --whole-archive $(RUSTLIB)
	objcopy --keep-global-symbols=$(LIBDIR)/s2n.syms --remove-section=.llvmbc --remove-section=.llvmcmd $(LIBDIR)/libs2n.o
	rm -f $@ && ar rcs $@ $(LIBDIR)/libs2n.o && rm -f $(LIBDIR)/libs2n.o

lib: $(S2N_SO) $(TLS_SO) $(LIBDIR)/libs2n.a
	@mkdir -p target/include
	cp -r target/release/include/. target/include/

headers: lib
	rm -rf include && cp -r target/include include

test-deps:
	@scripts/test-deps.sh

test: test-deps lib cargo-test abi-check c-tests null-sweep interop dropin

cargo-test:
	$(CARGO) test --release

abi-check: lib
	python3 capi-tests/check_abi.py s2n --ours include --ref "$$(scripts/reference-headers.sh s2n)"
	python3 capi-tests/check_abi.py tls --ours include --ref /usr/include
	python3 capi-tests/check_exports.py $(S2N_SO) src/capi/s2n s2n_errno
	python3 capi-tests/check_exports.py $(TLS_SO) src/capi/tls

c-tests: lib
	@LIBDIR=$(LIBDIR) CC="$(CC)" CFLAGS="$(CFLAGS)" S2N_REF="$$(scripts/reference-headers.sh s2n)" \
	  capi-tests/run.sh

interop: lib
	@LIBDIR=$(LIBDIR) capi-tests/interop.sh

# libtls drop-in: tests built with Debian's tls.h, and Debian's catgirl, on our library.
dropin: lib
	@LIBDIR=$(LIBDIR) CC="$(CC)" capi-tests/dropin.sh

null-sweep: lib
	@LIBDIR=$(LIBDIR) CC="$(CC)" capi-tests/null_sweep.sh

# Side-by-side benchmark (ours, the real s2n-tls, rustls, the crypto floor); not part of
# `make test`. Writes docs/benchmarks.md.
bench: test-deps lib
	@bash bench/run.sh

demo: lib
	@$(MAKE) -s -C examples LIBDIR=$(CURDIR)/$(LIBDIR) INCLUDE=$(CURDIR)/include run

api-coverage: lib
	python3 scripts/api_coverage.py > docs/api-coverage.md

install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/s2n/unstable
	install -m 0755 $(S2N_SO) $(TLS_SO) $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 $(LIBDIR)/libs2n.a $(DESTDIR)$(PREFIX)/lib/
	ln -sf libs2n.so.1 $(DESTDIR)$(PREFIX)/lib/libs2n.so
	ln -sf libtls.so.26 $(DESTDIR)$(PREFIX)/lib/libtls.so
	install -m 0644 include/s2n.h include/tls.h $(DESTDIR)$(PREFIX)/include/
	install -m 0644 include/s2n/unstable/*.h $(DESTDIR)$(PREFIX)/include/s2n/unstable/

clean:
	$(CARGO) clean
