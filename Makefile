# scoreimport: build, test, demo, bench, lint, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE_BIN = .build/release/scoreimport
DEBUG_BIN = .build/debug/scoreimport
SHARED ?= ../shared

.PHONY: help build release test demo bench lint format install fuzz clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## Debug build
	$(SWIFT) build

release: ## Release build
	$(SWIFT) build -c release

test: ## Run every test (unit, golden files, end to end, real readers)
	Tests/test-deps.sh
	$(SWIFT) build
	$(SWIFT) test --parallel

demo: build ## Convert the bundled IELTS and TOEFL fixtures and print the table
	@echo "== scoreimport convert (compact template) on the bundled IELTS API response and TOEFL S2S file =="
	@SCOREIMPORT_TODAY=2026-11-22 $(DEBUG_BIN) convert --template compact \
		Fixtures/cases/ielts-api-response/input.json Fixtures/cases/toefl-score-objects/input.json

bench: release ## Compare convert with simdjson, Python and jq on 100,000 records (not run by CI)
	bash $(SHARED)/bench/compare.sh $(RELEASE_BIN) $(or $(N),100000)

lint: ## swift format lint --strict over the sources (`make format` fixes most findings)
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format: ## Reformat the sources with swift format
	$(SWIFT) format format -i --recursive Package.swift Sources Tests

install: release ## Install the binary into $(PREFIX)/bin
	install -d $(PREFIX)/bin
	install -m 0755 $(RELEASE_BIN) $(PREFIX)/bin/scoreimport

fuzz: ## libFuzzer over the JSON reader (FUZZ_SECONDS, default 60; not run by CI)
	mkdir -p .build/fuzz/corpus
	cp ../shared/data/JSONTestSuite/test_parsing/y_*.json Fixtures/cases/*/input.json .build/fuzz/corpus/ 2>/dev/null || true
	swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ScoreKit Tests/Fuzz/JSONReaderFuzz.swift \
		Sources/ScoreKit/JSON/*.swift Sources/ScoreKit/IO/ByteSource.swift -o .build/fuzz/json-reader
	.build/fuzz/json-reader -max_total_time=$(or $(FUZZ_SECONDS),60) -max_len=65536 .build/fuzz/corpus

clean:
	rm -rf .build
