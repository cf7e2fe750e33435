package com.checkup.platform.spring.it;

import com.checkup.platform.events.LaneAwareConsumer;
import com.checkup.platform.events.ReceivedEvent;
import com.checkup.platform.spring.EventSubscriptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service built the way real ones are: platform-kit on the classpath, addresses from properties. */
@SpringBootApplication
public class GreeterApp {
    public static final List<ReceivedEvent> RECEIVED = new CopyOnWriteArrayList<>();

    @Bean
    LaneAwareConsumer greetingsConsumer(EventSubscriptions subscriptions) {
        return subscriptions.subscribe("greeter-audit", "greetings", RECEIVED::add);
    }
}
