// scan_parse: the raw ceiling for rebuild and replay (issue 5, issue 8).
// Scans the "events" column family of a keyledger data directory and parses
// every value as a keyledger.store.v1.Envelope, nothing else; prints the
// count and the rate. Opens the database read-only.
//
//   scan_parse --data-dir D

#include <rocksdb/db.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "envelope.pb.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "--data-dir") {
    std::cerr << "usage: scan_parse --data-dir DIR\n";
    return 2;
  }
  const std::string dir = argv[2];
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir,
                                                      &names);
  if (!s.ok()) {
    std::cerr << "scan_parse: " << s.ToString() << "\n";
    return 1;
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  size_t events_index = names.size();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "events") events_index = i;
    descriptors.emplace_back(names[i], rocksdb::ColumnFamilyOptions());
  }
  if (events_index == names.size()) {
    std::cerr << "scan_parse: no events family in " << dir << "\n";
    return 1;
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, descriptors,
                                   &handles, &raw);
  std::unique_ptr<rocksdb::DB> db(raw);
  if (!s.ok()) {
    std::cerr << "scan_parse: " << s.ToString() << "\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  uint64_t count = 0, bytes = 0, bad = 0;
  {
    rocksdb::ReadOptions options;
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(options, handles[events_index]));
    keyledger::store::v1::Envelope envelope;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const rocksdb::Slice value = it->value();
      if (!envelope.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        ++bad;
      }
      ++count;
      bytes += value.size();
    }
    if (!it->status().ok()) {
      std::cerr << "scan_parse: " << it->status().ToString() << "\n";
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  std::cout << "events=" << count << " bad=" << bad << " bytes=" << bytes
            << " seconds=" << seconds
            << " events_per_s=" << static_cast<int64_t>(count / seconds) << "\n";
  return bad == 0 ? 0 : 1;
}
