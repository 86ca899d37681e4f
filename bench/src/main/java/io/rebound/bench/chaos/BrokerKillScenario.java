package io.rebound.bench.chaos;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/** A fresh 3-broker KRaft cluster (RF 3, min ISR 2); one broker killed and restarted. */
final class BrokerKillScenario extends Scenario {

    BrokerKillScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "broker-kill";
    }

    @Override
    Outcome run() throws Exception {
        stack.stopApplications();
        stack.stopKafka();
        stack.startKafka("cluster", 3);
        stack.startGateway(0);
        stack.startWorker(0);
        Trial trial = trial("broker-kill", "3-broker KRaft cluster (RF 3, min ISR 2, acks=all), one broker killed")
                .startLoad();
        try (Admin admin = admin()) {
            trial.fact("operations.requested before the kill", replicas(admin));
            trial.at(at(0.3));
            stack.killKafkaNode(1);
            trial.mark("kafka-1 killed (SIGKILL): partition leaders and the controller quorum move to the other two");
            trial.at(at(0.3) + 15);
            trial.fact("operations.requested 15 s after the kill", replicas(admin));
        }
        trial.at(at(0.3) + 20);
        stack.startKafkaNode(1);
        trial.mark("kafka-1 started again on its data and catches up");
        trial.awaitLoad();
        return trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of one of three brokers at " + pct(0.3) + " of the load; restarted 20 s later",
                true);
    }

    /** Replication of {@code operations.requested} as the cluster reports it: leaders, in-sync replicas, min ISR. */
    private static String replicas(Admin admin) throws Exception {
        String topic = "operations.requested";
        org.apache.kafka.clients.admin.TopicDescription description =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
        String minIsr = admin.describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get("min.insync.replicas")
                .value();
        Map<Integer, Long> leaders = description.partitions().stream()
                .collect(Collectors.groupingBy(
                        p -> p.leader() == null ? -1 : p.leader().id(), java.util.TreeMap::new, Collectors.counting()));
        Map<Integer, Long> isr = description.partitions().stream()
                .collect(Collectors.groupingBy(p -> p.isr().size(), java.util.TreeMap::new, Collectors.counting()));
        return description.partitions().size() + " partitions, replication factor "
                + description.partitions().get(0).replicas().size() + ", min.insync.replicas " + minIsr
                + "; partitions led by broker " + leaders + "; partitions by in-sync replica count " + isr;
    }
}
