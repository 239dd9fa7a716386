#include "disclosure/cards.hpp"

#include "companies/company_store.hpp"
#include "disclosure/access_records.hpp"

namespace hiresafe::disclosure {

core::Result<CardView> business_card(hiresafe::store::Database& db, const crypto::Keyring& keys,
                                     const std::string& user_id, const std::string& viewer_id,
                                     long long now) {
  const bool for_owner = viewer_id == user_id;
  auto build = [&](soci::session& sql) -> core::Result<CardView> {
    auto card = companies::store::card_of(sql, user_id);
    if (!card) return core::Error::not_found("No business card");
    HS_TRY(auto key, keys.person_key(sql, user_id));
    HS_TRY(auto name,
           crypto::open_field(key, user_id, "card.display_name", card->display_name_enc));
    CardView view{user_id,       name,         std::nullopt, card->avatar_file_id,
                  card->profile, std::nullopt, std::nullopt, card->title_visible};
    if (card->title_visible || for_owner) view.job_title = card->job_title;
    if (auto company = companies::store::company_of(sql, user_id)) {
      view.company_id = company;
      if (auto row = companies::store::company_by_id(sql, *company)) view.company_name = row->name;
    }
    if (!for_owner)
      record_access(sql, {"user", viewer_id, user_id, "business_card", "view_card", std::nullopt,
                          std::nullopt, user_id,
                          card->title_visible ? "display_name,job_title,avatar,profile,company"
                                              : "display_name,avatar,profile,company"},
                    now);
    return view;
  };
  // Only another person's read writes (its access record); the owner's is a plain read.
  if (for_owner) return db.read<CardView>(build);
  return db.transaction<CardView>(build);
}

}  // namespace hiresafe::disclosure
