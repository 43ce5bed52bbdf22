# scoreimport: build, test, demo, bench, lint, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE_BIN = .build/release/scoreimport
DEBUG_BIN = .build/debug/scoreimport
SHARED ?= ../shared

.PHONY: help build release test demo bench lint install fuzz clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## Debug build
	$(SWIFT) build

release: ## Release build
	$(SWIFT) build -c release

test: ## Run every test (unit, golden files, end to end)
	$(SWIFT) build
	$(SWIFT) test --parallel

demo: build ## Run the main job on the bundled fixtures and print the table
	@scripts/demo.sh $(DEBUG_BIN)

bench: release ## Compare convert with simdjson, Python and jq on 100,000 records (not run by CI)
	bash $(SHARED)/bench/compare.sh $(RELEASE_BIN) $(or $(N),100000)

lint: ## swift format lint --strict over the sources
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

install: release ## Install the binary into $(PREFIX)/bin
	install -d $(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(PREFIX)/bin/scoreimport

fuzz: ## libFuzzer over the JSON reader (FUZZ_SECONDS, default 60)
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),60)

clean:
	rm -rf .build
