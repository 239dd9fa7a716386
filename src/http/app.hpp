// What handlers reach: the services of one running server, passed in, never global.
#pragma once

#include "consent/consent_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "identity/identity_service.hpp"
#include "store/database.hpp"

namespace hiresafe::http {

struct App {
  const core::Config& config;
  core::Logger logger;
  core::Metrics& metrics;
  hiresafe::store::Database& db;
  identity::IdentityService& identity;
  consent::ConsentService& consent;
  core::OffsetClock* test_clock;  // null unless the server started with --test-clock
};

}  // namespace hiresafe::http
