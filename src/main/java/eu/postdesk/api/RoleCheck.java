package eu.postdesk.api;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.privacy.AuditTrail;

/**
 * Enforces each API endpoint's {@link Allowed} roles before it runs; refuses an endpoint that states
 * none. The configured admin token's reads of ticket content ({@link Allowed#configuredAdmin}) are
 * audited here, the one place they are let through.
 */
@Configuration
class RoleCheck implements HandlerInterceptor, WebMvcConfigurer {
    private final boolean adminTokenReadsTickets;
    private final AuditTrail audit;

    RoleCheck(PostdeskProperties properties, AuditTrail audit) {
        this.adminTokenReadsTickets = properties.getApi().isAdminTokenReadsTickets();
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null && method.getBeanType().getPackageName().startsWith("org.springdoc.")) {
            // springdoc's own endpoint (/api/openapi.json) cannot carry our annotation: the API's description, for every role
            Caller.mustBe(request, ApiTokens.ROLES, "read the API's description");
            return true;
        }
        if (allowed == null) {
            throw ApiError.forbidden("this endpoint states no roles, so no role may call it");
        }
        ApiTokens.Holder holder = Caller.holder(request);
        if (allowed.configuredAdmin() && adminTokenReadsTickets && holder.configured() && ApiTokens.ADMIN.equals(holder.role())
                && "GET".equals(request.getMethod())) {
            audit.record(AuditTrail.CONTENT_READ, holder.who(), holder.role(), request.getRequestURI(),
                    "read ticket content with the configured admin token (postdesk.api.admin-token-reads-tickets)");
            return true;
        }
        Caller.mustBe(request, Set.of(allowed.value()), allowed.to());
        return true;
    }
}
