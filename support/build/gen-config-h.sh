#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Turn a Kconfig .config (stdin) into a C header (stdout): y -> 1, strings and numbers as is.
echo "/* Generated from .config by support/build/gen-config-h.sh; do not edit. */"
echo "#ifndef KEEL_CONFIG_H"
echo "#define KEEL_CONFIG_H"
sed -n -e 's/^\(CONFIG_[A-Za-z0-9_]*\)=y$/#define \1 1/p' \
	-e '/=[ym]$/d' \
	-e 's/^\(CONFIG_[A-Za-z0-9_]*\)=\(.*\)$/#define \1 \2/p'
echo "#endif"
