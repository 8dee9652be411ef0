package org.strongroom.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.strongroom.audit.AuditForwarding;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.ForwardingStatus;
import org.strongroom.audit.VerificationRun;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/** The audit banner: who sees it, when, and what it says in both languages (rendered with the real fragment). */
class AuditAlertBannerTests {

    static final Instant FINISHED = Instant.parse("2026-11-30T02:41:07Z");
    static final VerificationRun BROKEN = new VerificationRun(FINISHED.minusSeconds(5), FINISHED, VerificationRun.Result.BROKEN, 2, 3L,
            BreakKind.ROLLED_BACK);
    static final VerificationRun INTACT = new VerificationRun(FINISHED.minusSeconds(5), FINISHED, VerificationRun.Result.INTACT, 9, null, null);
    static final ForwardingStatus FAILING = new ForwardingStatus(true, "siem.example.org:6514", 10, FINISHED, 3, 0,
            "ConnectException: Connection refused", FINISHED, true);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void ownersAndAdministratorsSeeABrokenTrailOthersDoNot() {
        AuditAlertAdvice advice = advice(BROKEN, ForwardingStatus.disabled());
        signIn(StaffRole.OWNER, true);
        assertThat(advice.auditAlert()).isEqualTo(new AuditAlert(3L, "auditwatch.kind.rolled_back", "2026-11-30 02:41", false, null, 0, null));
        signIn(StaffRole.ADMINISTRATOR, true);
        assertThat(advice.auditAlert()).isNotNull();
        signIn(StaffRole.STAFF, true);
        assertThat(advice.auditAlert()).isNull();
        signIn(StaffRole.OWNER, false);
        assertThat(advice.auditAlert()).isNull();
        SecurityContextHolder.clearContext();
        assertThat(advice.auditAlert()).isNull();
    }

    @Test
    void nothingToShowWhenIntactAndForwardingKeepsUp() {
        signIn(StaffRole.OWNER, true);
        assertThat(advice(INTACT, ForwardingStatus.disabled()).auditAlert()).isNull();
        assertThat(advice(null, ForwardingStatus.disabled()).auditAlert()).isNull();
        assertThat(advice(INTACT, FAILING).auditAlert()).extracting(AuditAlert::forwardingTo).isEqualTo("siem.example.org:6514");
    }

    @Test
    void bannerSaysWhatIsWrongInEnglishAndUkrainian() {
        AuditAlert alert = advice(BROKEN, FAILING).alert(BROKEN, FAILING);
        String english = render(alert, Locale.ENGLISH);
        assertThat(english).contains("role=\"alert\"",
                "The audit trail failed verification at entry 3: the database was rolled back to an older copy (checked 2026-11-30 02:41).",
                "Audit checkpoints are not reaching the syslog server siem.example.org:6514: 3 waiting. Last error: ConnectException: Connection refused");
        assertThat(render(alert, Locale.forLanguageTag("uk"))).contains("Журнал аудиту не пройшов перевірку на записі 3: базу даних повернуто до старішої копії");
        assertThat(render(null, Locale.ENGLISH)).doesNotContain("notice");
    }

    static AuditAlertAdvice advice(VerificationRun run, ForwardingStatus status) {
        AuditForwarding forwarding = () -> status;
        return new AuditAlertAdvice(() -> java.util.Optional.ofNullable(run), forwarding,
                org.strongroom.access.internal.PolicyFixtures.builtInRolesOnly(), "UTC");
    }

    static void signIn(StaffRole role, boolean complete) {
        StaffPrincipal principal = new StaffPrincipal(StaffId.random(), role);
        List<SimpleGrantedAuthority> authorities = complete ? List.of(new SimpleGrantedAuthority(SignInStage.COMPLETE)) : List.of();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
    }

    static String render(AuditAlert alert, Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/auditwatch");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        ClassLoaderTemplateResolver files = new ClassLoaderTemplateResolver();
        files.setPrefix("templates/");
        files.setSuffix(".html");
        files.setCheckExistence(true);
        files.setOrder(1);
        StringTemplateResolver strings = new StringTemplateResolver();
        strings.setOrder(2);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(files);
        engine.addTemplateResolver(strings);
        engine.setTemplateEngineMessageSource(messages);
        Context context = new Context(locale);
        context.setVariable("auditAlert", alert);
        return engine.process("<main><th:block th:replace=\"~{fragments/audit-alert :: banner(${auditAlert})}\"></th:block></main>", context);
    }
}
