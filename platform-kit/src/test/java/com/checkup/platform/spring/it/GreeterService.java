package com.checkup.platform.spring.it;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.events.EventPublisher;
import java.util.Map;
import org.apache.dubbo.config.annotation.DubboService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

@DubboService
public class GreeterService implements Greeter {
    private final JdbcTemplate jdbc;
    private final EventPublisher events;

    public GreeterService(JdbcTemplate jdbc, EventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    @Transactional
    public String greet(String name) {
        if (name == null || name.isBlank()) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "name is required");
        }
        jdbc.update("INSERT INTO greeting (name) VALUES (?)", name);
        events.publish("greetings", "greeting.stored", name, Map.of("name", name));
        return "Hello " + name;
    }

    @Override
    public String fail() {
        throw new IllegalStateException("internal detail that must not leave the service");
    }
}
