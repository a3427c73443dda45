#include "cnpg/backup_manifest.hpp"

#include "cnpg/labels.hpp"

namespace ckpt::cnpg {

boost::json::object render_backup(const config::CnpgCluster& cnpg, const Checkpoint& checkpoint) {
  auto metadata = checkpoint_metadata(backup_object_name(cnpg.cluster_name, checkpoint.id), cnpg.namespace_name,
                                      checkpoint);
  metadata["labels"].get_object()[kCnpgClusterLabel] = sanitize_label_value(cnpg.cluster_name);

  boost::json::object spec;
  spec["cluster"] = boost::json::object{{"name", cnpg.cluster_name}};
  spec["method"] = cnpg.backup_method;
  spec["target"] = "primary";
  if (cnpg.backup_method == "plugin") {
    spec["pluginConfiguration"] = boost::json::object{{"name", cnpg.plugin_name}};
  } else if (cnpg.backup_method == "volumeSnapshot") {
    spec["online"] = true;
    spec["onlineConfiguration"] = boost::json::object{{"immediateCheckpoint", true}, {"waitForArchive", true}};
  }
  return boost::json::object{
      {"apiVersion", "postgresql.cnpg.io/v1"},
      {"kind", "Backup"},
      {"metadata", std::move(metadata)},
      {"spec", std::move(spec)},
  };
}

}  // namespace ckpt::cnpg
