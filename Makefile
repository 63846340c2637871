# c8 — the two commands a new user needs:  make run   and   make test
# Both first run `deps`, which installs the Debian packages c8 links against
# (only when pkg-config cannot find one of them).

SWIFT        ?= swift
CONFIG       ?= debug
PKG_MODULES  := ncursesw openssl rocksdb
APT_PACKAGES := libncurses-dev libssl-dev librocksdb-dev pkg-config tmux

.PHONY: deps build release run test test-pyc8 bench bench-ingest clean

# An empty XDG_CONFIG_HOME means unset (XDG base directory spec), but
# SwiftPM stops with "invalid absolute path ''" on it.
ifeq ($(XDG_CONFIG_HOME),)
unexport XDG_CONFIG_HOME
endif

deps:
	@scripts/deps.sh $(PKG_MODULES) -- $(APT_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# Builds and starts the console on the embedded default data dir
# ($XDG_DATA_HOME/c8, else ~/.local/share/c8), seeded with demo data on
# first start.
run: build
	@$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/c8

# The whole test suite, in parallel workers, then the pyC8 acceptance suite;
# ends with "N passed, N failed, N skipped" over both.
test: deps
	@scripts/test.sh

# The pyC8 acceptance suite alone (Tests/pyc8): stock pyC8 against c8 serve.
test-pyc8: deps
	@scripts/test-pyc8.sh

# The benchmark suite against the peers (scripts/bench/run: installs them
# from Debian, builds c8 release once, runs every workload): a full run writes
# its summary into Docs/BENCHMARKS.md and its charts into Docs/bench/.
#   make bench QUICK=1                   a few-minute smoke run, report in a temp dir
#   make bench WORKLOADS="ingest query"  some workloads only (report in a temp dir)
#   make bench C8=path/to/c8             skip the build
bench: deps
	@scripts/bench/run $(if $(filter 1,$(QUICK)),--quick) $(WORKLOADS)

# Ingest and point lookups vs SQLite and PostgreSQL (installs the peers).
bench-ingest:
	@scripts/bench/ingest.sh

clean:
	rm -rf .build
