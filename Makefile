# Front door. `make demo` and `make test` work on a fresh Debian 12 machine as root: they install
# what is missing (scripts/install-deps), build with the CMake presets and run.
SHELL := /bin/bash
PRESET ?= release
BUILD := build/$(PRESET)
BIN := $(BUILD)/apps/amtszeit/amtszeit
DB ?= var/amtszeit.db
PORT ?= 8080

.PHONY: all deps build web demo demo-pg serve test test-e2e test-asan fuzz bench format tidy clean

all: build

deps:
	@scripts/install-deps

# Configure once per preset; later builds re-run CMake by themselves when lists change.
$(BUILD)/build.ninja:
	@cmake --preset $(PRESET) >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build --preset $(PRESET)

# The web front end (web/ -> web/dist, served by the server).
web: deps
	@scripts/build-web

demo: build web
	@mkdir -p $(dir $(DB))
	@$(BIN) demo --db $(DB) --port $(PORT)

# The same demo on a throwaway PostgreSQL 15 cluster (scripts/start-postgres); Ctrl+C stops the
# server and removes the cluster.
PG_STATE := var/postgres-demo.env
demo-pg: build web
	@mkdir -p var
	@scripts/start-postgres --state $(PG_STATE)
	@trap 'scripts/start-postgres --stop --state $(PG_STATE)' EXIT INT TERM; \
	  $(BIN) demo --db "$$(sed -n 's/^AMTSZEIT_PG_URL=//p' $(PG_STATE))" --port $(PORT) \
	    --notify-key var/amtszeit-postgresql.notify-key

serve: build
	@$(BIN) serve --db $(DB) --port $(PORT)

# Every test: C++ unit and integration tests (CTest), then the browser tests of the web pages.
test: build
	@ctest --preset $(PRESET)
	@AMTSZEIT_BINARY=$(BIN) scripts/e2e

test-e2e: build
	@AMTSZEIT_BINARY=$(BIN) scripts/e2e

test-asan: deps
	@$(MAKE) --no-print-directory PRESET=asan build
	@ctest --preset asan

# libFuzzer targets (JSON request bodies, request targets and queries, data files), each for
# FUZZ_SECONDS on its committed seed corpus; fails on a crash.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/fuzz $(FUZZ_SECONDS)

bench: deps
	@scripts/install-deps --bench
	@$(MAKE) --no-print-directory PRESET=release build
	@scripts/bench

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

# clang-tidy over the files changed since TIDY_BASE (default: origin/main, else the last commit);
# TIDY_BASE=--all checks every file.
tidy:
	@scripts/tidy $(TIDY_BASE)

clean:
	@rm -rf build
