# scoreimport: build, test, demo, bench, lint, install. `make help` lists the targets.
SWIFT ?= swift
PREFIX ?= /usr/local
RELEASE_BIN = .build/release/scoreimport
DEBUG_BIN = .build/debug/scoreimport
SHARED ?= ../shared

# The release: a binary with the Swift standard library and Foundation linked in, so it runs where no toolchain is
# installed. It builds under its own scratch path because the static flags change every compile command: sharing
# .build would rebuild everything each time `make release` and `make dist` alternate.
VERSION := $(shell sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' Sources/ScoreKit/Release.swift)
ARCH := $(shell uname -m)
DIST = .build/dist
DIST_NAME = scoreimport-$(VERSION)-linux-$(ARCH)
STAGE = $(DIST)/$(DIST_NAME)
TARBALL = $(STAGE).tar.gz
STATIC_BIN = $(DIST)/scoreimport
STRIP ?= strip
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help build release test demo bench verify-xlsx lint format dist install uninstall fuzz fuzz-csv fuzz-xlsx clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

build: ## Debug build
	$(SWIFT) build

release: ## Release build
	$(SWIFT) build -c release

test: ## Run every test (unit, golden files, end to end, real readers)
	Tests/test-deps.sh
	$(SWIFT) build
	$(MAKE) --no-print-directory dist
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

# The benchmark times the binary `make install` installs (the static release) unless BENCH_BIN names another, such
# as $(RELEASE_BIN) (the toolchain's shared libraries: their symbol look-ups at start-up cost about 26 million
# instructions a run, and their heap about 7 MB more).
BENCH_BIN ?= $(STATIC_BIN)

bench: $(BENCH_BIN) ## Compare with peers on 100,000 records: TOEFL JSON, E-Delivery CSV, XLSX, matching (SUITE= one)
	@for suite in $(or $(SUITE),toefl csv xlsx match); do \
		if [ $$suite = match ]; then \
			SHARED=$(SHARED) bash Tests/Bench/match.sh $(BENCH_BIN) $(or $(N),100000) $(or $(APPLICANTS),200000); \
		else \
			bash $(SHARED)/bench/compare.sh $(BENCH_BIN) $(or $(N),100000) $$suite; \
		fi || exit 1; \
	done

$(RELEASE_BIN): Package.swift $(shell find Sources -type f)
	$(SWIFT) build -c release

verify-xlsx: build ## Open an XLSX written from mixed input with LibreOffice headless and compare every value
	Tests/verify-xlsx.sh $(DEBUG_BIN)

lint: ## swift format lint --strict over the sources (`make format` fixes most findings)
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format: ## Reformat the sources with swift format
	$(SWIFT) format format -i --recursive Package.swift Sources Tests

dist: $(TARBALL) ## Release tarball in .build/dist: static Swift runtime and Foundation, man page, completions
	@echo "dist: $(TARBALL) ($$(du -h $(TARBALL) | cut -f1)); the binary needs:" \
		$$(readelf -d $(STATIC_BIN) | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')

install: $(STAGE).staged ## Install binary, man page, completions under PREFIX (default /usr/local); DESTDIR honoured
	@$(MAKE) --no-print-directory -f $(STAGE)/Makefile install PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)"

uninstall: $(DIST)/install.mk ## Remove what install put under PREFIX
	@$(MAKE) --no-print-directory -f $(DIST)/install.mk uninstall PREFIX="$(PREFIX)" DESTDIR="$(DESTDIR)"

# The release's own Makefile, which installs an unpacked release: written from INSTALL_MAKEFILE below, so the
# project keeps one Makefile and the release carries the part a user needs.
$(DIST)/install.mk: Makefile | $(DIST)
	$(file >$@,$(value INSTALL_MAKEFILE))

# Made before a recipe that writes into it with $(file): make expands a whole recipe before running its first line.
$(DIST):
	install -d $@

# Linking FoundationNetworking statically needs libcurl's development files (-lcurl); the other libraries it needs
# (libxml2, zlib) come with the toolchain's documented dependencies.
$(STATIC_BIN): Package.swift $(shell find Sources -type f)
	@for lib in /usr/lib/*/libcurl.so /usr/lib64/libcurl.so /usr/lib/libcurl.so; do [ -e $$lib ] && exit 0; done; { \
		echo "dist: linking Foundation statically needs libcurl's development files:" \
			"apt-get install libcurl4-openssl-dev" >&2; exit 1; }
	@test -n "$(VERSION)" || { echo "dist: no version in Sources/ScoreKit/Release.swift" >&2; exit 1; }
	$(SWIFT) build -c release --product scoreimport --static-swift-stdlib --disable-local-rpath \
		--scratch-path .build/static
	install -d $(DIST)
	$(STRIP) -o $@ .build/static/release/scoreimport

# The release's files in the layout they take under PREFIX. The man page and the completions come from the binary
# itself; a binary without those commands yet (exit 64, "unknown command") leaves them out, any other failure stops.
$(STAGE).staged: $(STATIC_BIN) README.md $(DIST)/install.mk Makefile
	rm -rf $(STAGE)
	install -d -m 0755 $(STAGE)/bin
	install -m 0755 $(STATIC_BIN) $(STAGE)/bin/scoreimport
	install -m 0644 $(DIST)/install.mk $(STAGE)/Makefile
	{ echo "# scoreimport $(VERSION) for Linux $(ARCH)"; echo; \
		awk '/^## /{p = ($$0 == "## Install")} p' README.md; } > $(STAGE)/INSTALL.md
	chmod 0644 $(STAGE)/INSTALL.md
	@generate() { \
		target=$$1; shift; \
		$(STAGE)/bin/scoreimport "$$@" > $(DIST)/generated 2> $(DIST)/generated.err; status=$$?; \
		if [ $$status -eq 0 ]; then \
			install -D -m 0644 $(DIST)/generated $(STAGE)/$$target && echo "dist: $$target from \`scoreimport $$*\`"; \
		elif [ $$status -eq 64 ] && grep -q "unknown command" $(DIST)/generated.err; then \
			echo "dist: no $$target: this scoreimport has no \`$$1\` command yet"; \
		else \
			cat $(DIST)/generated.err >&2; echo "dist: \`scoreimport $$*\` failed" >&2; return 1; \
		fi; \
	}; \
	generate share/man/man1/scoreimport.1 man \
	&& generate share/bash-completion/completions/scoreimport completions bash \
	&& generate share/zsh/site-functions/_scoreimport completions zsh \
	&& generate share/fish/vendor_completions.d/scoreimport.fish completions fish \
	&& rm -f $(DIST)/generated $(DIST)/generated.err
	touch $@

# Fixed order, owner and mtime (the last commit's), and no timestamp in the gzip header: two builds of one commit
# differ only where the binary does.
$(TARBALL): $(STAGE).staged
	tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mode=u+rwX,go+rX,go-w \
		--mtime=@$(SOURCE_DATE_EPOCH) -C $(DIST) -cf $(STAGE).tar $(DIST_NAME)
	gzip -n -9 -f $(STAGE).tar

fuzz: ## libFuzzer over the JSON reader (FUZZ_SECONDS, default 60; not run by CI)
	mkdir -p .build/fuzz/corpus
	cp $(SHARED)/data/JSONTestSuite/test_parsing/y_*.json Fixtures/cases/*/input.json .build/fuzz/corpus/ 2>/dev/null || true
	swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name ScoreKit Tests/Fuzz/JSONReaderFuzz.swift \
		Sources/ScoreKit/JSON/*.swift Sources/ScoreKit/IO/ByteSource.swift Sources/ScoreKit/Model/FNV1a.swift \
		Sources/ScoreKit/Errors/*.swift -o .build/fuzz/json-reader
	.build/fuzz/json-reader -max_total_time=$(or $(FUZZ_SECONDS),60) -max_len=65536 .build/fuzz/corpus

fuzz-csv: ## libFuzzer over the CSV reader: chunk sizes, skimmed against full rows, whole files (FUZZ_SECONDS, default 60)
	mkdir -p .build/fuzz/csv-corpus
	for f in Fixtures/cases/*/input.csv; do cp $$f .build/fuzz/csv-corpus/$$(basename $$(dirname $$f)).csv; done
	swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -module-name ScoreKit -I Sources/CZlib -lz \
		Tests/Fuzz/CSVReaderFuzz.swift $$(find Sources/ScoreKit -name '*.swift') -o .build/fuzz/csv-reader
	.build/fuzz/csv-reader -max_total_time=$(or $(FUZZ_SECONDS),60) -max_len=65536 .build/fuzz/csv-corpus

fuzz-xlsx: build ## libFuzzer over the XLSX reader: XML parts and whole workbooks (FUZZ_SECONDS, default 60)
	mkdir -p .build/fuzz/xlsx-corpus
	$(DEBUG_BIN) convert -q -f xlsx -o .build/fuzz/xlsx-corpus/own.xlsx Fixtures/cases/ielts-api-response/input.json
	cd .build/fuzz/xlsx-corpus && python3 -c "import zipfile; z = zipfile.ZipFile('own.xlsx'); \
		[open(n.replace('/', '_'), 'wb').write(z.read(n)) for n in z.namelist()]"
	swiftc -O -swift-version 6 -sanitize=fuzzer,address -parse-as-library -module-name ScoreKit -I Sources/CZlib -lz \
		Tests/Fuzz/XLSXReaderFuzz.swift $$(find Sources/ScoreKit -name '*.swift') -o .build/fuzz/xlsx-reader
	.build/fuzz/xlsx-reader -max_total_time=$(or $(FUZZ_SECONDS),60) -max_len=65536 .build/fuzz/xlsx-corpus

clean:
	rm -rf .build

define INSTALL_MAKEFILE
# Installs an unpacked scoreimport release: `sudo make install` copies the binary, and the man page and shell
# completions this release holds, under PREFIX (default /usr/local); `sudo make uninstall` removes them, and the
# folders the install made once they are empty. DESTDIR is honoured for packaging. The files sit here in the layout
# they take under PREFIX. `make dist` ships this file as the release's Makefile, and the project's `make install`
# runs it on the staged release.
PREFIX ?= /usr/local
SRC := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
FILES = bin/scoreimport share/man/man1/scoreimport.1 share/bash-completion/completions/scoreimport \
	share/zsh/site-functions/_scoreimport share/fish/vendor_completions.d/scoreimport.fish
# The folders under PREFIX that install made (it was not there before, PREFIX itself never), one a line, so that
# uninstall removes them again when they are empty, and only them: a folder that was there before (/usr/local/bin,
# /usr/local/share/man) stays, empty or not. Not kept under DESTDIR: a package manager owns a package's folders.
RECORD = share/scoreimport/installed-folders

.PHONY: install uninstall

install:
	@test -f "$(SRC)/bin/scoreimport" || { echo "install: no $(SRC)/bin/scoreimport" >&2; exit 1; }
	@root="$(DESTDIR)$(PREFIX)"; made=; \
	for file in $(FILES) $(if $(DESTDIR),,$(RECORD)); do \
		[ "$$file" = $(RECORD) ] || [ -f "$(SRC)/$$file" ] || continue; \
		folder=$${file%/*}; \
		while [ ! -d "$$root/$$folder" ]; do \
			made="$$made $$folder"; \
			case $$folder in */*) folder=$${folder%/*};; *) break;; esac; \
		done; \
	done; \
	for file in $(FILES); do \
		[ -f "$(SRC)/$$file" ] || continue; \
		mode=0644; [ "$$file" = bin/scoreimport ] && mode=0755; \
		install -d "$$root/$${file%/*}" \
			&& install -m $$mode "$(SRC)/$$file" "$$root/$$file" \
			&& echo "installed $$root/$$file" || exit 1; \
	done; \
	[ -z "$(DESTDIR)" ] || exit 0; \
	folders=$$({ cat "$$root/$(RECORD)" 2>/dev/null; printf '%s\n' $$made; } | sed '/^$$/d' | LC_ALL=C sort -u); \
	install -d "$$root/$(dir $(RECORD))" && printf '%s\n' "$$folders" > "$$root/$(RECORD)" \
		&& chmod 0644 "$$root/$(RECORD)" \
		&& echo "installed $$root/$(RECORD) (the folders this install made, for uninstall)" || exit 1

uninstall:
	@root="$(DESTDIR)$(PREFIX)"; \
	for file in $(FILES); do \
		[ -e "$$root/$$file" ] || continue; \
		rm -f "$$root/$$file" && echo "removed $$root/$$file" || exit 1; \
	done; \
	[ -f "$$root/$(RECORD)" ] || exit 0; \
	folders=$$(LC_ALL=C sort -r "$$root/$(RECORD)") && rm -f "$$root/$(RECORD)" \
		&& echo "removed $$root/$(RECORD)" || exit 1; \
	printf '%s\n' "$$folders" | while IFS= read -r folder; do \
		case "/$$folder/" in //*|*/./*|*/../*) continue;; esac; \
		[ -d "$$root/$$folder" ] || continue; \
		if [ -n "$$(ls -A "$$root/$$folder")" ]; then echo "kept $$root/$$folder (not empty)"; continue; fi; \
		rmdir "$$root/$$folder" && echo "removed $$root/$$folder" || exit 1; \
	done
endef
