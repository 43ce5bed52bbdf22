# scoreimport: build, test, demo, bench, lint, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE_BIN = .build/release/scoreimport
DEBUG_BIN = .build/debug/scoreimport
SHARED ?= ../shared

.PHONY: help build release test demo bench verify-xlsx lint format install fuzz fuzz-xlsx clean

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

demo: build ## Start the sandbox on a free loopback port, fetch IELTS results from it, print the E-Delivery CSV
	@set -e; dir=$$(mktemp -d); \
	.build/debug/scoreimport-sandbox --port 0 > $$dir/port 2> $$dir/requests & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; rm -rf "$$dir"' EXIT; \
	for i in $$(seq 50); do grep -q listening $$dir/port && break; sleep 0.1; done; \
	port=$$(sed -E 's/.*:([0-9]+)$$/\1/' $$dir/port); \
	echo "== sandbox on 127.0.0.1:$$port; scoreimport fetch ielts (demo credentials), E-Delivery CSV ==" >&2; \
	IELTS_CLIENT_ID=demo-client IELTS_CLIENT_SECRET=demo-secret SCOREIMPORT_TODAY=2026-11-22 \
		$(DEBUG_BIN) fetch ielts --endpoint http://127.0.0.1:$$port --since 2026-01-01 --until 2026-11-22

bench: release ## Compare convert with its peers on 100,000 records (SUITE=toefl, csv or xlsx; not run by CI)
	bash $(SHARED)/bench/compare.sh $(RELEASE_BIN) $(or $(N),100000) $(or $(SUITE),toefl)

verify-xlsx: build ## Open an XLSX written from mixed input with LibreOffice headless and compare every value
	Tests/verify-xlsx.sh $(DEBUG_BIN)

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

fuzz-xlsx: build ## libFuzzer over the XLSX reader: XML parts and whole workbooks (FUZZ_SECONDS, default 60)
	mkdir -p .build/fuzz/xlsx-corpus
	$(DEBUG_BIN) convert -q -f xlsx -o .build/fuzz/xlsx-corpus/own.xlsx Fixtures/cases/ielts-api-response/input.json
	cd .build/fuzz/xlsx-corpus && python3 -c "import zipfile; z = zipfile.ZipFile('own.xlsx'); \
		[open(n.replace('/', '_'), 'wb').write(z.read(n)) for n in z.namelist()]"
	swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ScoreKit -I Sources/CZlib -lz \
		Tests/Fuzz/XLSXReaderFuzz.swift $$(find Sources/ScoreKit -name '*.swift') -o .build/fuzz/xlsx-reader
	.build/fuzz/xlsx-reader -max_total_time=$(or $(FUZZ_SECONDS),60) -max_len=65536 .build/fuzz/xlsx-corpus

clean:
	rm -rf .build
