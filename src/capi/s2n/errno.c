/* s2n-tls exports its error code as a thread-local C variable, which stable Rust cannot
 * define. This file holds it; Rust reaches it through ferrotls_s2n_errno_slot(). */
__thread int s2n_errno;

int *ferrotls_s2n_errno_slot(void)
{
    return &s2n_errno;
}
