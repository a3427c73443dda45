// checkpointd's configuration: one strict YAML file, loaded by config/config_loader.hpp.
// Every key is documented in docs/configuration.md. Unknown keys are errors.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/cron.hpp"
#include "core/duration.hpp"

namespace ckpt::config {

struct TlsFiles {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};

struct TcpListener {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  std::filesystem::path token_file;  // required: bearer token for every API call
  std::optional<TlsFiles> tls;
};

struct Listen {
  std::filesystem::path unix_socket = "/run/checkpointd/checkpointd.sock";
  unsigned socket_mode = 0660;
  std::optional<TcpListener> tcp;
};

struct Logging {
  std::string level = "info";   // trace | debug | info | warn | error
  std::string format = "text";  // text | json
};

struct Limits {
  std::size_t max_body_bytes = 1024 * 1024;  // a begin request carries its plan's SQL
  Millis shutdown_grace{10'000};
  unsigned blocking_threads = 8;
};

struct Deadlines {
  Millis preflight{10'000};
  Millis backup{30 * 60'000};
  Millis archive_wait{60'000};
  Millis restore{30 * 60'000};
};

// PostgreSQL on this host.
struct LocalCluster {
  std::filesystem::path data_directory;
  std::uint16_t port = 5432;
  std::string host = "/var/run/postgresql";  // socket directory or address
  std::string user = "postgres";
  std::string database = "postgres";
  std::filesystem::path password_file;  // optional, libpq passfile format
  std::filesystem::path bin_directory = "/usr/lib/postgresql/15/bin";
  std::filesystem::path archive_directory;
  std::filesystem::path backup_directory;
  std::filesystem::path restore_directory;
  Millis backup_max_age{0};  // reuse a completed base backup younger than this; 0 = never
  unsigned restore_parallelism = 4;  // WAL prefetch and base copy workers
  // Keep a copy recovered up to each ready checkpoint's target and paused there during its
  // rollback window, so that a restore only promotes it (core/parked_copy_policy.hpp).
  bool prewarmed_restore = false;
};

// How the daemon reaches the Kubernetes API.
struct Kubernetes {
  std::filesystem::path kubeconfig;  // empty: in-cluster service account
  std::string context;               // empty: the kubeconfig's current context
  bool insecure_skip_tls_verify = false;
  Millis request_timeout{10'000};
};

// How long a CNPG Backup may stay in one phase before the checkpoint gives up on it.
struct BackupPhaseDeadlines {
  Millis pending{10 * 60'000};              // waiting for a pod or for another backup
  Millis wal_archiving_failing{2 * 60'000};  // CNPG's WAL archive check fails
};

// A CloudNativePG cluster.
struct CnpgCluster {
  std::string namespace_name;
  std::string cluster_name;                   // the CNPG Cluster object
  std::string backup_method = "plugin";       // plugin | barmanObjectStore | volumeSnapshot
  std::string plugin_name = "barman-cloud.cloudnative-pg.io";
  std::string barman_object_name;             // plugin: the ObjectStore holding the archive
  std::string server_name;                    // archive folder of the source; default cluster_name
  std::string recovery_target = "lsn";        // lsn | name | time
  // Host of a cluster's read-write service, a template (config/host_template.hpp):
  // {cluster} is the CNPG Cluster's name (the source's, or the recovery Cluster's when
  // verifying a restore), {namespace} the namespace. A leading '/' means a socket directory.
  std::string rw_host = "{cluster}-rw.{namespace}.svc";
  std::uint16_t rw_port = 5432;
  std::string user = "postgres";
  std::string database = "postgres";
  std::filesystem::path password_file;        // libpq passfile
  std::string sslmode = "verify-full";        // libpq sslmode
  std::filesystem::path sslrootcert;          // optional CA file for verify-ca / verify-full
  BackupPhaseDeadlines backup_phase_deadlines;
};

// Restore drills the daemon runs by itself on a cron schedule (UTC).
struct DrillSchedule {
  CronSchedule schedule;
  bool keep = false;  // keep each drill's scratch target instead of removing it
};

struct Cluster {
  std::string name;
  std::string engine = "local";  // local | cnpg
  bool auto_restore = true;      // `fail` restores to the checkpoint at once
  // A contract migration's go/no-go needs a restore of this cluster verified within this age.
  Millis restore_evidence_max_age{7LL * 24 * 3600 * 1000};
  // The longest a restore of this cluster may take; its go/no-go refuses restore evidence
  // that took longer. 0: not judged.
  Millis rto_budget{0};
  std::optional<DrillSchedule> drill;  // none: drills only when asked (checkpointctl drill)
  Deadlines deadlines;
  std::optional<LocalCluster> local;
  std::optional<CnpgCluster> cnpg;
};

// A Prometheus server the plans' SLO metrics query by name (docs/slo.md).
struct PrometheusServer {
  std::string name;
  std::string url;  // http(s)://host:port[/prefix]: the HTTP API is <url>/api/v1/...
  Millis timeout{10'000};  // upper bound of one query (a metric's own timeout may be shorter)
  std::map<std::string, std::string> headers;  // e.g. X-Scope-OrgID for a multi-tenant server
  std::filesystem::path bearer_token_file;   // re-read per query; empty: none
  std::filesystem::path ca_file;             // empty: the system's CAs
  bool insecure_skip_tls_verify = false;
};

// Where a feature flag lives, one backend per scope (config.flag_backends[].name).
// OpenFeature flagd flag file: the flag's defaultVariant is set; flagd watches the file.
struct FlagdFileBackend {
  std::filesystem::path file;
  std::string on_variant = "on";
  std::string off_variant = "off";
};
// A key of a Kubernetes ConfigMap (data[<flag name>]).
struct ConfigMapBackend {
  std::string namespace_name;
  std::string name;
  std::string on_value = "true";
  std::string off_value = "false";
};
// An environment variable (<flag name>) of a Deployment's container.
struct DeploymentEnvBackend {
  std::string namespace_name;
  std::string deployment;
  std::string container;
  std::string on_value = "true";
  std::string off_value = "false";
};
// An HTTP webhook (Flagger-style): POST of the change as JSON, any 2xx means done.
struct WebhookBackend {
  std::string url;
  std::filesystem::path bearer_token_file;  // empty: none
  std::filesystem::path ca_file;            // empty: the system's CAs
  Millis timeout{10'000};
};

struct FlagBackend {
  std::string name;  // the scope plans and `checkpointctl flag --scope` name
  std::variant<FlagdFileBackend, ConfigMapBackend, DeploymentEnvBackend, WebhookBackend> backend;
};

struct Config {
  Listen listen;
  std::filesystem::path state_directory = "/var/lib/checkpointd";
  Logging log;
  Limits limits;
  Kubernetes kubernetes;
  std::vector<Cluster> clusters;
  std::vector<PrometheusServer> prometheus;
  std::vector<FlagBackend> flag_backends;

  const Cluster* find_cluster(std::string_view name) const {
    for (const auto& cluster : clusters) {
      if (cluster.name == name) return &cluster;
    }
    return nullptr;
  }
  const FlagBackend* find_flag_backend(std::string_view name) const {
    for (const auto& backend : flag_backends) {
      if (backend.name == name) return &backend;
    }
    return nullptr;
  }
  // The server named `name`, or the only one when `name` is empty.
  const PrometheusServer* find_prometheus(std::string_view name) const {
    if (name.empty()) return prometheus.size() == 1 ? &prometheus.front() : nullptr;
    for (const auto& server : prometheus) {
      if (server.name == name) return &server;
    }
    return nullptr;
  }
};

}  // namespace ckpt::config
