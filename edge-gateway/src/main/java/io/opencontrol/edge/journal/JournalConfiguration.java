package io.opencontrol.edge.journal;

import java.io.IOException;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The journal on disk, opened (and its torn tail cut) at start, with its metrics. */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

	/**
	 * The journal on real files, unless the context has another {@link ChannelOpener}
	 * (the tests' disk that fills up).
	 */
	@Bean(destroyMethod = "close")
	Journal journal(JournalProperties properties, ObjectProvider<ChannelOpener> disk) throws IOException {
		return Journal.open(properties, disk.getIfAvailable(() -> ChannelOpener.FILES));
	}

	@Bean
	MeterBinder journalMetrics(Journal journal) {
		return (registry) -> bind(journal, registry);
	}

	private static void bind(Journal journal, MeterRegistry registry) {
		Gauge.builder("opencontrol.edge.journal.backlog", journal, Journal::backlog)
			.description("Telemetry records stored on the robot that the cloud has not confirmed")
			.baseUnit("records")
			.register(registry);
		Gauge.builder("opencontrol.edge.journal.disk", journal, Journal::diskBytes)
			.description("Disk taken by the journal's segments")
			.baseUnit("bytes")
			.register(registry);
		for (Priority priority : Priority.values()) {
			FunctionCounter.builder("opencontrol.edge.journal.dropped", journal, (j) -> j.dropped(priority))
				.description("Telemetry records dropped to stay within the journal's disk budget")
				.tag("priority", priority.name().toLowerCase())
				.baseUnit("records")
				.register(registry);
		}
	}

}
