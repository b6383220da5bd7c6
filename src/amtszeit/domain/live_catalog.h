// The catalogue as it stands now. It changes at runtime only when the control room opens an
// interim location; every module that names centres (search, queues, messages, the API) reads it
// through a CatalogView, so the new centre appears everywhere at once.
//
//   auto live = std::make_shared<LiveCatalog>(std::move(catalog));
//   CatalogView view(live);
//   const Location* l = view->FindLocation("kz-altona");
//   live->Replace(next);  // `l` stays valid: earlier versions are kept
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "amtszeit/domain/catalog.h"

namespace amtszeit {

class LiveCatalog {
 public:
  explicit LiveCatalog(Catalog initial);

  // The newest version. References into it stay valid as long as this object lives: readers
  // never take a lock, so a version is never freed under them. Versions are few (one per
  // interim location opened), so keeping them all costs little.
  const Catalog& Current() const { return *current_.load(std::memory_order_acquire); }
  void Replace(Catalog next);

 private:
  std::mutex mu_;
  std::vector<std::unique_ptr<const Catalog>> versions_;  // GUARDED_BY(mu_)
  std::atomic<const Catalog*> current_;
};

// A shared handle on the current catalogue that reads like a pointer to it.
class CatalogView {
 public:
  CatalogView() = default;
  // A catalogue that never changes (tools and tests).
  CatalogView(std::shared_ptr<const Catalog> fixed);    // NOLINT(google-explicit-constructor)
  CatalogView(std::shared_ptr<const LiveCatalog> live)  // NOLINT(google-explicit-constructor)
      : live_(std::move(live)) {}

  const Catalog& operator*() const { return live_->Current(); }
  const Catalog* operator->() const { return &live_->Current(); }
  const Catalog* get() const { return &live_->Current(); }  // valid while a view lives

 private:
  std::shared_ptr<const LiveCatalog> live_;
};

}  // namespace amtszeit
