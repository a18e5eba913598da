/*
 * MIME header fields (RFC 2045, 2046, 2183, 2231): the checks the
 * structured-field dispatch calls, by field.
 */
#ifndef MHL_SF_MIME_H
#define MHL_SF_MIME_H

struct mhl_checker;
struct mhl_field;

void mhl_mime_version(struct mhl_checker *, const struct mhl_field *);
void mhl_mime_type(struct mhl_checker *, const struct mhl_field *);
void mhl_mime_cte(struct mhl_checker *, const struct mhl_field *);
void mhl_mime_disposition(struct mhl_checker *, const struct mhl_field *);
/* At the end of the header section: mime-version-missing. */
void mhl_mime_end(struct mhl_checker *);
/* Whether the byte class table agrees with RFC 2045's token and RFC
 * 2046's bcharsnospace (for the tests). */
int mhl_mime_classes_ok(void);

#endif /* MHL_SF_MIME_H */
