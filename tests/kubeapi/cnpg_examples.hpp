// The example manifests of the CNPG reference notes (section 9), verbatim: an on-demand
// plugin Backup and the recovery Cluster variants the cnpg engine will generate.
#pragma once

namespace ckpt::kubeapi::testing {

inline constexpr const char* kPluginBackup = R"(
apiVersion: postgresql.cnpg.io/v1
kind: Backup
metadata:
  name: orders-db-premig-20260115t103000z
  namespace: payments
  labels:
    pitr.example.io/checkpoint-id: "ckpt-7f3a"
  annotations:
    pitr.example.io/migration: "2026_01_15_add_orders_index"
spec:
  cluster:
    name: orders-db
  method: plugin
  target: primary
  pluginConfiguration:
    name: barman-cloud.cloudnative-pg.io
)";

inline constexpr const char* kRecoveryClusterTargetTime = R"(
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: orders-db-pitr-7f3a
  namespace: payments
spec:
  instances: 1
  imageName: ghcr.io/cloudnative-pg/postgresql:17.5
  storage:
    size: 50Gi
  superuserSecret:
    name: orders-db-superuser
  enableSuperuserAccess: true
  bootstrap:
    recovery:
      source: orders-db-archive
      database: app
      owner: app
      recoveryTarget:
        targetTime: "2026-01-15 10:30:12.345678+00"
  externalClusters:
    - name: orders-db-archive
      barmanObjectStore:
        serverName: orders-db
        destinationPath: s3://pg-backups/payments/
        endpointURL: https://s3.eu-west-1.amazonaws.com
        s3Credentials:
          accessKeyId: {name: pg-backup-s3, key: ACCESS_KEY_ID}
          secretAccessKey: {name: pg-backup-s3, key: ACCESS_SECRET_KEY}
        wal:
          maxParallel: 8
)";

inline constexpr const char* kRecoveryClusterPlugin = R"(
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: orders-db-pitr-7f3a
  namespace: payments
spec:
  instances: 1
  imageName: ghcr.io/cloudnative-pg/postgresql:17.5
  storage:
    size: 50Gi
  bootstrap:
    recovery:
      source: origin
      recoveryTarget:
        backupID: 20260115T103001
        targetLSN: "3A/7F0012C8"
        exclusive: false
  externalClusters:
    - name: origin
      plugin:
        name: barman-cloud.cloudnative-pg.io
        parameters:
          barmanObjectName: payments-store
          serverName: orders-db
  plugins:
    - name: barman-cloud.cloudnative-pg.io
      isWALArchiver: true
      parameters:
        barmanObjectName: payments-store
        serverName: orders-db-pitr-7f3a
)";

// The snapshot variant: section 9.3 plus volumeSnapshots (and the walStorage it requires).
inline constexpr const char* kRecoveryClusterSnapshot = R"(
apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: orders-db-pitr-7f3a
  namespace: payments
spec:
  instances: 1
  imageName: ghcr.io/cloudnative-pg/postgresql:17.5
  storage:
    size: 50Gi
  walStorage:
    size: 10Gi
  bootstrap:
    recovery:
      source: origin
      volumeSnapshots:
        storage:    {name: orders-db-premig-snap-1,     kind: VolumeSnapshot, apiGroup: snapshot.storage.k8s.io}
        walStorage: {name: orders-db-premig-snap-1-wal, kind: VolumeSnapshot, apiGroup: snapshot.storage.k8s.io}
      recoveryTarget: {targetLSN: "3A/7F0012C8"}
  externalClusters:
    - name: origin
      plugin:
        name: barman-cloud.cloudnative-pg.io
        parameters:
          barmanObjectName: payments-store
          serverName: orders-db
)";

}  // namespace ckpt::kubeapi::testing
