#include "amtszeit/store/store.h"

namespace amtszeit::store {

Result<void> PutCatalog(WriteTx& tx, const Catalog& catalog) {
  for (const District& d : catalog.districts) {
    if (auto r = tx.PutDistrict(d); !r) return r;
  }
  for (const Location& l : catalog.locations) {
    if (auto r = tx.PutLocation(l); !r) return r;
  }
  for (const Service& s : catalog.services) {
    if (auto r = tx.PutService(s); !r) return r;
  }
  return {};
}

}  // namespace amtszeit::store
