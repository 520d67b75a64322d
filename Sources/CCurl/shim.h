#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>

/* Typed wrappers around libcurl's variadic functions, which Swift cannot call.
   Each wrapper fixes the type of the value argument that the option expects. */

/* Signature of libcurl's write and header callbacks (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION). */
typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *context);

/* curl_global_init(CURL_GLOBAL_DEFAULT); the macro is not importable into Swift. */
static inline CURLcode ccurl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Options of type long (CURLOPTTYPE_LONG), e.g. CURLOPT_TIMEOUT_MS, CURLOPT_NOSIGNAL. */
static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/* Options of type curl_off_t (CURLOPTTYPE_OFF_T), e.g. CURLOPT_POSTFIELDSIZE_LARGE. */
static inline CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* String options; libcurl copies the string, so a temporary is fine. */
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Object-pointer options (CURLOPT_ERRORBUFFER, CURLOPT_COPYPOSTFIELDS, CURLOPT_WRITEDATA, ...). */
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/* List options (CURLOPT_HTTPHEADER); the list must outlive the transfer. */
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/* Sets CURLOPT_WRITEFUNCTION and CURLOPT_WRITEDATA together. */
static inline CURLcode ccurl_setopt_write_callback(CURL *handle, ccurl_data_callback callback, void *context) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
    return code != CURLE_OK ? code : curl_easy_setopt(handle, CURLOPT_WRITEDATA, context);
}

/* Sets CURLOPT_HEADERFUNCTION and CURLOPT_HEADERDATA together. */
static inline CURLcode ccurl_setopt_header_callback(CURL *handle, ccurl_data_callback callback, void *context) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
    return code != CURLE_OK ? code : curl_easy_setopt(handle, CURLOPT_HEADERDATA, context);
}

/* Informations of type long (CURLINFO_RESPONSE_CODE, CURLINFO_NUM_CONNECTS, ...). */
static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
