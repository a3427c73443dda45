#include "kubeapi/server/kube_api_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <stdlib.h>

#include <system_error>
#include <thread>

#include "kubeapi/server/api_router.hpp"
#include "kubeapi/server/https_server.hpp"
#include "kubeapi/server/tls_certs.hpp"
#include "kubeapi/server/tokens.hpp"

namespace ckpt::kubeapi {

namespace asio = boost::asio;

namespace {

// A private temporary directory (mode 0700), removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kube-api-test-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

struct KubeApiServer::Impl {
  ~Impl() {
    if (https) https->stop();
    work.reset();
    io.stop();
    for (auto& thread : threads) thread.join();
  }

  ScratchDir dir;
  ServerCertificates certificates;
  std::shared_ptr<const TypeRegistry> types;
  std::unique_ptr<ResourceStore> store;
  Faults faults;
  TokenRegistry tokens;
  std::unique_ptr<ApiRouter> router;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::unique_ptr<HttpsServer> https;
  std::vector<std::thread> threads;
  std::uint16_t port = 0;
};

KubeApiServer::KubeApiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

KubeApiServer::~KubeApiServer() = default;

Result<std::unique_ptr<KubeApiServer>> KubeApiServer::start(KubeApiServerOptions options) {
  auto impl = std::make_unique<Impl>();
  if (impl->dir.path().empty()) return make_error(ErrorCode::internal, "cannot create a temporary directory");
  auto certificates = write_throwaway_certificates(impl->dir.path());
  if (!certificates) return std::move(certificates).error();
  impl->certificates = std::move(*certificates);
  auto types = TypeRegistry::load(options.crd_dir);
  if (!types) return std::move(types).error();
  impl->types = std::make_shared<const TypeRegistry>(std::move(*types));
  impl->store = std::make_unique<ResourceStore>(impl->types, options.event_history);

  for (const auto& name : options.namespaces) {
    auto created =
        impl->store->create({{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
    if (!created)
      return make_error(ErrorCode::bad_request, "namespace \"" + name + "\": " + created.error().message);
  }
  for (const auto& crd : impl->types->crds()) {
    if (auto created = impl->store->create(crd); !created) return std::move(created).error();
  }

  impl->router = std::make_unique<ApiRouter>(*impl->store, impl->tokens, impl->faults,
                                             EndpointOptions{options.default_field_validation});
  impl->https = std::make_unique<HttpsServer>(
      impl->io.get_executor(), *impl->router, *impl->store, impl->faults,
      HttpsServerOptions{impl->certificates.cert_file, impl->certificates.key_file,
                         options.bookmark_interval});
  auto port = impl->https->listen("127.0.0.1", options.port);
  if (!port) return std::move(port).error();
  impl->port = *port;
  impl->https->start();
  impl->work.emplace(asio::make_work_guard(impl->io));
  for (std::size_t i = 0; i < std::max<std::size_t>(options.io_threads, 1); ++i) {
    impl->threads.emplace_back([io = &impl->io] { io->run(); });
  }
  return std::unique_ptr<KubeApiServer>(new KubeApiServer(std::move(impl)));
}

std::uint16_t KubeApiServer::port() const { return impl_->port; }

std::string KubeApiServer::url() const { return "https://127.0.0.1:" + std::to_string(impl_->port); }

const std::filesystem::path& KubeApiServer::ca_file() const { return impl_->certificates.ca_file; }

const std::string& KubeApiServer::ca_pem() const { return impl_->certificates.ca_pem; }

void KubeApiServer::add_token(std::string_view token, bool read_only, std::string user) {
  if (user.empty()) user = read_only ? "test-reader" : "test-writer";
  impl_->tokens.add(token, read_only ? Access::read_only : Access::read_write, std::move(user));
}

void KubeApiServer::add_admin_token(std::string_view token, std::string user) {
  impl_->tokens.add(token, Access::admin, std::move(user));
}

ResourceStore& KubeApiServer::store() { return *impl_->store; }

Faults& KubeApiServer::faults() { return impl_->faults; }

const TypeRegistry& KubeApiServer::types() const { return *impl_->types; }

ChangeFeed::Subscription KubeApiServer::on_change(ChangeFeed::Callback callback) {
  return impl_->store->on_change(std::move(callback));
}

}  // namespace ckpt::kubeapi
