#!/bin/sh
# Turns a list of symbol names (stdin) into a linker version script that keeps exactly those
# global and everything else local.
awk 'BEGIN { print "{" } NF { if (!g) { print "  global:"; g = 1 } print "    " $1 ";" } END { print "  local: *;"; print "};" }'
