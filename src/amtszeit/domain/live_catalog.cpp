#include "amtszeit/domain/live_catalog.h"

namespace amtszeit {

LiveCatalog::LiveCatalog(Catalog initial) {
  versions_.push_back(std::make_unique<const Catalog>(std::move(initial)));
  current_.store(versions_.back().get(), std::memory_order_release);
}

void LiveCatalog::Replace(Catalog next) {
  std::lock_guard lock(mu_);
  versions_.push_back(std::make_unique<const Catalog>(std::move(next)));
  current_.store(versions_.back().get(), std::memory_order_release);
}

CatalogView::CatalogView(std::shared_ptr<const Catalog> fixed)
    : live_(std::make_shared<const LiveCatalog>(fixed ? *fixed : Catalog{})) {}

}  // namespace amtszeit
