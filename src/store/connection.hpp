// One leased pool connection and the statements prepared on it. Hot queries run through
// `Conn::once` (at most one row) or `Conn::rows` (any number), which prepare a query text the
// first time a connection sees it and rebind the same statement afterwards: SQLite skips its
// parser, PostgreSQL skips PREPARE/DEALLOCATE round trips.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace hiresafe::store {

enum class Dialect { kSqlite, kPostgres };

// " LIMIT n" for a page query run through Conn, with n the first of 11, 21, 51, 101, 201, 501,
// 1001 that holds `rows` (or `rows` itself beyond): the caller keeps the rows it asked for.
// PostgreSQL costs a LIMIT given as a parameter at a tenth of the rows, so it never settles on
// a generic plan for such a statement and plans it again at every run (0.5-0.7 ms of its CPU
// for a page of applicants); with a constant it plans once. The fixed sizes bound the number of
// texts each connection keeps prepared.
std::string limit_clause(int rows);

// Statements prepared on one pooled connection, keyed by their SQL text.
class StatementCache {
 public:
  soci::statement& get(soci::session& sql, const std::string& text);
  // Dropped after any failure on the connection: its server-side state is no longer known.
  void clear() { statements_.clear(); }
  std::size_t size() const { return statements_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<soci::statement>> statements_;
};

class Conn {
 public:
  Conn(soci::session& sql, Dialect dialect, StatementCache& cache)
      : sql_(sql), dialect_(dialect), cache_(cache) {}
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Lets every `[](soci::session& sql)` unit of work run on a Conn unchanged.
  operator soci::session&() { return sql_; }
  soci::session& sql() { return sql_; }
  Dialect dialect() const { return dialect_; }

  // Runs `text` with the given into()/use() elements on this connection's prepared copy of it;
  // true when a row came back. Only for statements that return at most one row.
  template <class... Elements>
  bool once(const std::string& text, Elements&&... elements) {
    soci::statement& st = cache_.get(sql_, text);
    Rebind guard{*this, st};
    (st.exchange(std::forward<Elements>(elements)), ...);
    st.define_and_bind();
    return st.execute(true);
  }

  // Runs a prepared-once query that may return many rows and calls `each(const soci::row&)` for
  // every one, in order. The row is described again on each run (SOCI describes a row target
  // while executing), which is cheap next to a fresh prepare: on PostgreSQL a rowset costs a
  // PREPARE, an EXECUTE and a DEALLOCATE round trip, this one EXECUTE.
  template <class Each, class... Uses>
  void rows(const std::string& text, Each&& each, Uses&&... uses) {
    rows_with(text, std::forward<Each>(each),
              [&](soci::statement& st) { (st.exchange(std::forward<Uses>(uses)), ...); });
  }

  // As rows(), with the parameters bound by `bind(soci::statement&)`: for a text whose number of
  // parameters is known only at run time (SOCI binds by position, one use() per placeholder).
  template <class Each, class Bind>
  void rows_with(const std::string& text, Each&& each, Bind&& bind) {
    soci::statement& st = cache_.get(sql_, text);
    Rebind guard{*this, st};
    soci::row row;
    st.exchange(soci::into(row));
    bind(st);
    st.define_and_bind();
    if (!st.execute(true)) return;
    do each(static_cast<const soci::row&>(row));
    while (st.fetch());
  }

  // Runs a prepared-once write (INSERT/UPDATE/DELETE) and returns how many rows it changed.
  template <class... Elements>
  long long change(const std::string& text, Elements&&... elements) {
    soci::statement& st = cache_.get(sql_, text);
    Rebind guard{*this, st};
    (st.exchange(std::forward<Elements>(elements)), ...);
    st.define_and_bind();
    st.execute(true);
    return st.get_affected_rows();
  }

 private:
  // Unbinds the caller's variables and, on SQLite, resets the statement: a statement left
  // positioned on a row would keep its read snapshot open and later reads would see old data.
  struct Rebind {
    Conn& conn;
    soci::statement& st;
    ~Rebind();
  };

  soci::session& sql_;
  Dialect dialect_;
  StatementCache& cache_;
};

}  // namespace hiresafe::store
