#ifndef FEEDSIFT_CLIBXML2_SHIM_H
#define FEEDSIFT_CLIBXML2_SHIM_H

#include <string.h>

// Debian builds libxml2 with ICU, so <libxml/encoding.h> would pull in the
// system's ICU headers, whose `UErrorCode` clashes with the copy inside
// Foundation (_FoundationICU) whenever one Swift compile loads both modules.
// feedsift never touches libxml2's ICU converter fields (only pointers to
// encoding handlers pass through), so the ICU part of the headers is left out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
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

// A SAX2 handler that only reports elements, text and errors. Everything a
// DTD could do (entity declarations, external subsets, entity resolution)
// is left NULL, so libxml2 never loads or expands anything on our behalf.
// The variadic warning/error slots get the silent function above.
static inline void feedsift_xml_init_sax(xmlSAXHandler *sax,
                                         startElementNsSAX2Func start,
                                         endElementNsSAX2Func end,
                                         charactersSAXFunc characters,
                                         cdataBlockSAXFunc cdata,
                                         xmlStructuredErrorFunc serror) {
    memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->startElementNs = start;
    sax->endElementNs = end;
    sax->characters = characters;
    sax->ignorableWhitespace = characters;
    sax->cdataBlock = cdata;
    sax->serror = serror;
    sax->warning = (warningSAXFunc)feedsift_xml_silent_generic_error;
    sax->error = (errorSAXFunc)feedsift_xml_silent_generic_error;
    sax->fatalError = (fatalErrorSAXFunc)feedsift_xml_silent_generic_error;
}

#endif
