package com.checkup.platform.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The {@code k8s} profile of every service, written once ({@code META-INF/checkup/k8s.properties}): Nacos for Dubbo's
 * registry, config center and metadata, the broker and the database from the environment. It ranks above the
 * service's application.yml and below the environment and the command line, like a profile-specific file would (a
 * service cannot shadow it by accident, and an operator can still override any value).
 *
 * <p>Every value it needs from the environment is checked at start-up, so a missing Secret or ConfigMap key is named
 * in one message instead of surfacing as the first unresolved placeholder, or worse, an empty password.
 */
public class KubernetesProfile implements EnvironmentPostProcessor, Ordered {
    public static final String PROFILE = "k8s";
    static final String SOURCE = "checkupKubernetesProfile";
    static final String RESOURCE = "META-INF/checkup/k8s.properties";
    /** {@code ${NAME}} without a default: the environment must give it. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @Override
    public int getOrder() {
        // after Spring's config data (profiles are known then), before anything that reads these values
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        if (!env.acceptsProfiles(org.springframework.core.env.Profiles.of(PROFILE))) {
            return;
        }
        Properties props = load();
        List<String> missing = missing(props, env);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The k8s profile needs these from the environment (ConfigMap checkup-platform "
                    + "or a Secret, see docs/k8s.md), missing or empty: " + String.join(", ", missing));
        }
        PropertySource<?> source = new PropertiesPropertySource(SOURCE, props);
        if (env.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            env.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            env.getPropertySources().addLast(source);
        }
    }

    static Properties load() {
        Properties props = new Properties();
        try (InputStream in = KubernetesProfile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    static List<String> missing(Properties props, ConfigurableEnvironment env) {
        TreeSet<String> names = new TreeSet<>();
        for (String value : props.stringPropertyNames().stream().map(props::getProperty).toList()) {
            Matcher m = REQUIRED.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            String v = env.getProperty(name);
            if (v == null || v.isBlank()) {
                missing.add(name);
            }
        }
        return missing;
    }
}
