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

#endif /* MHL_SF_MIME_H */
