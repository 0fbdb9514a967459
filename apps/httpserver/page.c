// SPDX-License-Identifier: BSD-3-Clause
/* httpserver: the page served at / when the document root has no index.html. */
#include "server.h"

const char builtin_page[] =
	"<!DOCTYPE html>\n"
	"<html lang=\"en\">\n"
	"<head>\n"
	"<meta charset=\"utf-8\">\n"
	"<title>Keel httpserver</title>\n"
	"</head>\n"
	"<body>\n"
	"<h1>Hello from Keel!</h1>\n"
	"<p>This page is built into httpserver, a Keel unikernel: one C program, "
	"lwIP and newlib linked into a single image.</p>\n"
	"<p>Files under the document root are served too; "
	"put an <code>index.html</code> there to replace this page.</p>\n"
	"</body>\n"
	"</html>\n";

const size_t builtin_page_len = sizeof(builtin_page) - 1;
