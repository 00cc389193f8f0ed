package eu.postdesk.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an API endpoint, stated once on the endpoint itself, and what calling
 * it does in words ({@code to}: "read tickets"), for the refusal "the role 'agent' may not read
 * tickets". {@link RoleCheck} enforces it before the endpoint runs; an endpoint under {@code /api}
 * without it is refused to everyone (fail closed), so a new endpoint cannot be forgotten.
 *
 * <pre>{@code @Allowed(value = {ApiTokens.ADMIN}, to = "read the outbox")}</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Allowed {
    /** The roles (see {@link ApiTokens#ROLES}). */
    String[] value();

    /** What the endpoint does, completing "the role 'x' may not ...". */
    String to();

    /**
     * Whether the configured admin token ({@code postdesk.api.admin-token}) may also call this
     * read-only endpoint, while {@code postdesk.api.admin-token-reads-tickets} is true: the public
     * acceptance runner reads tickets with that token. Every such call is an audit record. No other
     * admin token, and no admin console account, reads ticket content.
     */
    boolean configuredAdmin() default false;
}
