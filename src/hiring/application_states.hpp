// The states of an application (HIR-1), shared by the store, which writes them into its list
// queries as literals, and the services and handlers above it.
#pragma once

#include <array>

namespace hiresafe::hiring {

// Terminal: offer, rejected, withdrawn. Nothing returns to submitted, so an application still
// submitted has never changed: its updated_at is its created_at (migration 0015 relies on it).
inline constexpr const char* kSubmitted = "submitted";
inline constexpr const char* kViewed = "viewed";
inline constexpr const char* kInterview = "interview";
inline constexpr const char* kOffer = "offer";
inline constexpr const char* kRejected = "rejected";
inline constexpr const char* kWithdrawn = "withdrawn";

inline constexpr std::array<const char*, 6> kApplicationStates = {
    kSubmitted, kViewed, kInterview, kOffer, kRejected, kWithdrawn};

}  // namespace hiresafe::hiring
