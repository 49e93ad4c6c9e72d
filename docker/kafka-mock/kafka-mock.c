/*
 * The Kafka broker of the test stack: librdkafka's mock cluster (Debian's librdkafka-dev), which
 * speaks the Kafka protocol on loopback ports. Prints "bootstrap <servers>" once it listens, then
 * reads control lines on stdin ("topic <name> <partitions>", "down <broker>", "up <broker>"),
 * answering "ok" or "error <why>".
 * It exits when stdin closes or its parent dies, so a test run never leaves a broker behind.
 *
 *   cc -O2 -o kafka-mock kafka-mock.c $(pkg-config --cflags --libs rdkafka)
 *   kafka-mock [brokers]
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

int main(int argc, char **argv) {
  int brokers = argc > 1 ? atoi(argv[1]) : 1;
  char errstr[256];
  prctl(PR_SET_PDEATHSIG, SIGTERM);

  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (!rk) {
    fprintf(stderr, "kafka-mock: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers < 1 ? 1 : brokers);
  if (!cluster) {
    fprintf(stderr, "kafka-mock: could not start the mock cluster\n");
    return 1;
  }
  printf("bootstrap %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);

  char line[512], name[256];
  int partitions;
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "topic %255s %d", name, &partitions) == 2) {
      rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, name, partitions, 1);
      if (err) printf("error %s\n", rd_kafka_err2str(err));
      else printf("ok\n");
    } else if (sscanf(line, "down %d", &partitions) == 1) {
      rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_down(cluster, partitions);
      printf(err ? "error %s\n" : "ok\n", rd_kafka_err2str(err));
    } else if (sscanf(line, "up %d", &partitions) == 1) {
      rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_up(cluster, partitions);
      printf(err ? "error %s\n" : "ok\n", rd_kafka_err2str(err));
    } else {
      printf("error unknown control line\n");
    }
    fflush(stdout);
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
