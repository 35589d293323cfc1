# The two commands of the README. Both install only what is missing.
.PHONY: run test build help
.DEFAULT_GOAL := help

help:
	@echo "make run   install what is missing, build, start the dashboard with the demo NAS"
	@echo "make test  install what tests need, run every check and test (Rust + Playwright)"

## Build everything and start the dashboard on http://127.0.0.1:7655/ with the built-in simulated NAS.
run:
	@scripts/bootstrap.sh build
	@scripts/build.sh
	@echo
	@echo "Starting poolwatch with the built-in demo NAS: open http://127.0.0.1:7655/"
	@./target/release/poolwatch serve --demo

## Run every test: fmt, clippy (server + wasm), Rust tests, release build, Playwright.
test:
	@scripts/bootstrap.sh test
	@scripts/test.sh

build:
	@scripts/bootstrap.sh build
	@scripts/build.sh
