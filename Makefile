# The two commands a newcomer needs: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build run test bench format clean

deps:
	bash scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	cmake --build $(BUILD) -j $(JOBS)

# Embedded SQLite under ./data, demo data on first run, server on 127.0.0.1:8080.
run: build
	mkdir -p data
	$(BUILD)/hiresafe seed --demo --data-dir ./data
	$(BUILD)/hiresafe serve --data-dir ./data --listen 127.0.0.1:8080

# Every test, against SQLite and a throwaway PostgreSQL 15 cluster.
test: build
	bash scripts/test.sh $(BUILD)

bench: build
	bash bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
