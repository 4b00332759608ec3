#!/bin/sh
# Makes the certificates and keys the C tests use, with the openssl command-line tool, into
# DIR (default target/test-certs). File names follow the s2n test-suite convention.
#   <type>_cert.pem : CA-signed leaf followed by the CA (a two-certificate chain)
#   <type>_key.pem  : the leaf's private key (leaves for localhost; ecdsa_p384_example for
#                     www.example.org; ip_in_cn: CN=127.0.0.1 and no subjectAltName)
#   crl_none.pem    : the CA's CRL revoking nothing; crl_rsa_revoked.pem : revoking the
#                     rsa_2048_pkcs1 leaf; crl_expired.pem : revoking nothing, next update 2020;
#                     crl_other_issuer.pem : another CA's CRL
#   ca_name_hash.txt : OpenSSL's X509_NAME_hash of the CA's subject (hex), which s2n's CRL
#                     API reports for the CA's CRLs and the certificates it issued
set -e
dir=${1:-target/test-certs}
[ -f "$dir/.done-9" ] && exit 0
mkdir -p "$dir"; cd "$dir"
ossl() { openssl "$@" 2>/dev/null; }
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca_key.pem -out ca_cert.pem \
  -days 3650 -subj "/CN=ferrotls test CA" -addext basicConstraints=critical,CA:TRUE
leaf() { # name, keygen args..., then the key is converted by the caller if needed
  # (for localhost unless NAME says otherwise)
  name=$1; shift
  cn=${NAME:-localhost} san=${NAME:+DNS:$NAME}; san=${san:-DNS:localhost,IP:127.0.0.1}
  ossl req -newkey "$@" -nodes -keyout "${name}_key.pem" -out "$name.csr" -subj "/CN=$cn"
  ossl x509 -req -in "$name.csr" -CA ca_cert.pem -CAkey ca_key.pem -CAcreateserial -days 3650 \
    -extfile /dev/stdin -out "${name}_leaf.pem" <<EXT
subjectAltName=$san
basicConstraints=CA:FALSE
authorityInfoAccess=OCSP;URI:http://ocsp.ferrotls.test/
EXT
  cat "${name}_leaf.pem" ca_cert.pem > "${name}_cert.pem"
  rm -f "$name.csr"
}
leaf ecdsa_p256_pkcs1 ec -pkeyopt ec_paramgen_curve:P-256
leaf ecdsa_p384_pkcs1 ec -pkeyopt ec_paramgen_curve:P-384
leaf rsa_2048_pkcs8 rsa:2048
leaf rsa_2048_pkcs1 rsa:2048
leaf ed25519 ed25519
# RSASSA-PSS keys (id-RSASSA-PSS, they sign only RSA-PSS): rsa_pss_2048 has no parameters
# (any hash) and the usual CA; rsa_pss_sha384's key is restricted to SHA-384 and its
# issuer is an intermediate with an unrestricted RSASSA-PSS key (RSA-PSS signatures by
# PSS keys in the path), itself issued by the usual CA: rsa_pss_sha384_cert.pem is leaf,
# intermediate, CA.
leaf rsa_pss_2048 RSA-PSS -pkeyopt rsa_keygen_bits:2048
ossl req -newkey RSA-PSS -pkeyopt rsa_keygen_bits:2048 -nodes -keyout rsa_pss_ca_key.pem -out rsa_pss_ca.csr \
  -subj "/CN=ferrotls test RSA-PSS intermediate"
ossl x509 -req -in rsa_pss_ca.csr -CA ca_cert.pem -CAkey ca_key.pem -CAcreateserial -days 3650 \
  -extfile /dev/stdin -out rsa_pss_ca_cert.pem <<EXT
basicConstraints=critical,CA:TRUE
EXT
ossl req -newkey RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha384 \
  -pkeyopt rsa_pss_keygen_mgf1_md:sha384 -pkeyopt rsa_pss_keygen_saltlen:48 -nodes -keyout rsa_pss_sha384_key.pem \
  -out rsa_pss_sha384.csr -subj "/CN=localhost"
ossl x509 -req -in rsa_pss_sha384.csr -CA rsa_pss_ca_cert.pem -CAkey rsa_pss_ca_key.pem -CAcreateserial -days 3650 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -extfile /dev/stdin -out rsa_pss_sha384_leaf.pem <<EXT
subjectAltName=DNS:localhost,IP:127.0.0.1
basicConstraints=CA:FALSE
EXT
cat rsa_pss_sha384_leaf.pem rsa_pss_ca_cert.pem ca_cert.pem > rsa_pss_sha384_cert.pem
rm -f rsa_pss_ca.csr rsa_pss_sha384.csr
# A second name, for certificate selection by SNI.
NAME=www.example.org; leaf ecdsa_p384_example ec -pkeyopt ec_paramgen_curve:P-384; NAME=
ossl ec -in ecdsa_p384_example_key.pem -out ecdsa_p384_example_key.pem.tmp && mv ecdsa_p384_example_key.pem.tmp ecdsa_p384_example_key.pem
# An IP address as the only name: in the commonName, no subjectAltName (s2n rejects it
# unless s2n_config_allow_ip_in_cn).
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ip_in_cn_key.pem -out ip_in_cn.csr -subj "/CN=127.0.0.1"
ossl x509 -req -in ip_in_cn.csr -CA ca_cert.pem -CAkey ca_key.pem -CAcreateserial -days 3650 \
  -extfile /dev/stdin -out ip_in_cn_leaf.pem <<EXT
basicConstraints=CA:FALSE
EXT
cat ip_in_cn_leaf.pem ca_cert.pem > ip_in_cn_cert.pem; rm -f ip_in_cn.csr
ossl ec -in ip_in_cn_key.pem -out ip_in_cn_key.pem.tmp && mv ip_in_cn_key.pem.tmp ip_in_cn_key.pem
# The "pkcs1" names hold traditional (PKCS#1 / SEC1) key encodings.
ossl pkey -in rsa_2048_pkcs1_key.pem -traditional -out rsa_2048_pkcs1_key.pem.tmp && mv rsa_2048_pkcs1_key.pem.tmp rsa_2048_pkcs1_key.pem
for c in ecdsa_p256_pkcs1 ecdsa_p384_pkcs1; do
  ossl ec -in ${c}_key.pem -out ${c}_key.pem.tmp && mv ${c}_key.pem.tmp ${c}_key.pem
done
# Password-protected keys ("ferrotls"): PKCS#8 PBES2 with AES-256 and HMAC-SHA256, with
# AES-128 and HMAC-SHA1, and OpenSSL's legacy encrypted PEM.
ossl pkcs8 -topk8 -v2 aes-256-cbc -in ecdsa_p256_pkcs1_key.pem -out ecdsa_p256_encrypted_key.pem -passout pass:ferrotls
ossl pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA1 -in rsa_2048_pkcs1_key.pem -out rsa_2048_encrypted_key.pem \
  -passout pass:ferrotls
ossl ec -aes256 -in ecdsa_p256_pkcs1_key.pem -out ecdsa_p256_legacy_encrypted_key.pem -passout pass:ferrotls
# CRLs, with openssl ca's minimal database.
: > index.txt; echo 01 > crlnumber
cat > ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 3650
CNF
ca() { ossl ca -config ca.cnf -cert ca_cert.pem -keyfile ca_key.pem "$@"; }
ca -gencrl -out crl_none.pem
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other_ca_key.pem -out other_ca_cert.pem \
  -days 3650 -subj "/CN=another CA" -addext basicConstraints=critical,CA:TRUE
ossl ca -config ca.cnf -cert other_ca_cert.pem -keyfile other_ca_key.pem -gencrl -out crl_other_issuer.pem
ca -gencrl -crl_lastupdate 20190101000000Z -crl_nextupdate 20200101000000Z -out crl_expired.pem
ca -revoke rsa_2048_pkcs1_leaf.pem
ca -gencrl -out crl_rsa_revoked.pem
openssl x509 -issuer_hash -noout -in ecdsa_p256_pkcs1_leaf.pem > ca_name_hash.txt
# OCSP responses (DER) from the index: ecdsa_p256 good, rsa_2048_pkcs1 revoked, ecdsa_p384
# (not in the index) unknown; signed by the CA unless named otherwise. "_nonext" has no
# nextUpdate; "_delegated" is signed by a responder certificate the CA issued for OCSP
# signing; "_other_ca" by another CA.
ca -valid ecdsa_p256_pkcs1_leaf.pem
ossl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ocsp_responder_key.pem -out ocsp_responder.csr \
  -subj "/CN=ferrotls test OCSP responder"
ossl x509 -req -in ocsp_responder.csr -CA ca_cert.pem -CAkey ca_key.pem -CAcreateserial -days 3650 \
  -extfile /dev/stdin -out ocsp_responder_cert.pem <<EXT
basicConstraints=CA:FALSE
extendedKeyUsage=OCSPSigning
EXT
ocsp_response() { # out, leaf, signer cert, signer key, extra args...
  out=$1 leaf=$2 signer=$3 signer_key=$4; shift 4
  ossl ocsp -issuer ca_cert.pem -cert "$leaf" -no_nonce -reqout "$out.req"
  ossl ocsp -index index.txt -CA ca_cert.pem -rsigner "$signer" -rkey "$signer_key" -reqin "$out.req" \
    -respout "$out" "$@"
  rm -f "$out.req"
}
ocsp_response ocsp_ecdsa_p256_good.der ecdsa_p256_pkcs1_leaf.pem ca_cert.pem ca_key.pem -ndays 3650
ocsp_response ocsp_ecdsa_p256_nonext.der ecdsa_p256_pkcs1_leaf.pem ca_cert.pem ca_key.pem
ocsp_response ocsp_ecdsa_p256_delegated.der ecdsa_p256_pkcs1_leaf.pem ocsp_responder_cert.pem ocsp_responder_key.pem -ndays 3650
ocsp_response ocsp_ecdsa_p256_other_ca.der ecdsa_p256_pkcs1_leaf.pem other_ca_cert.pem other_ca_key.pem -ndays 3650
ocsp_response ocsp_rsa_revoked.der rsa_2048_pkcs1_leaf.pem ca_cert.pem ca_key.pem -ndays 3650
ocsp_response ocsp_ecdsa_p384_unknown.der ecdsa_p384_pkcs1_leaf.pem ca_cert.pem ca_key.pem -ndays 3650
touch .done-9
