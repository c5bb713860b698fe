#ifndef FEEDSIFT_CLIBXML2_SHIM_H
#define FEEDSIFT_CLIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/encoding.h>

// libxml2's generic error callback is variadic, which Swift cannot
// implement. This silent one keeps libxml2 from printing to stderr;
// feedsift collects problems through structured (serror) handlers instead.
static void feedsift_xml_silent_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline void feedsift_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, feedsift_xml_silent_generic_error);
}

#endif
