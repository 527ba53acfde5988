# roamlab top-level Makefile.
#   make            build libroamlab.a, the programs and the unit tests
#   make check      install deps, build, run unit tests, fuzz smoke, lab tests (in the VM)
#   make demo       the seed scenario in the lab
#   make bench      benchmarks (numbers side by side)
#   make SAN=1 ...  the same with ASan+UBSan (separate build dir)
#   make install PREFIX=/usr/local

CC       ?= cc
PREFIX   ?= /usr/local
SAN      ?= 0
FUZZ_SECONDS ?= 10
V        ?= 0

PKGS := libnl-3.0 libnl-genl-3.0 libcrypto check
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
NL_LIBS    := $(shell pkg-config --libs libnl-3.0 libnl-genl-3.0 2>/dev/null)
SSL_LIBS   := $(shell pkg-config --libs libcrypto 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -Wswitch-enum -Wno-unused-parameter \
	  -D_GNU_SOURCE -Icommon $(PKG_CFLAGS) -MMD -MP
LDLIBS := $(NL_LIBS) $(SSL_LIBS) -lm

ifeq ($(SAN),1)
B := build-san
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else ifeq ($(SAN),ubsan)
# for the lab: ASan cannot map its shadow memory inside User-Mode Linux (the
# guest's address space ends below it), so programs that run in the lab VM
# under SAN=1 are built with UBSan alone
B := build-ubsan
CFLAGS += -fsanitize=undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=undefined
else
B := build
endif

ifeq ($(V),0)
Q := @
endif

COMMON_SRC := $(wildcard common/*.c)
COMMON_OBJ := $(COMMON_SRC:%.c=$(B)/%.o)
LIB := $(B)/libroamlab.a

AP_SRC  := $(wildcard ap/*.c)
STA_SRC := $(wildcard sta/*.c)
SIM_SRC := $(wildcard sim/*.c)
AP_OBJ  := $(AP_SRC:%.c=$(B)/%.o)
STA_OBJ := $(STA_SRC:%.c=$(B)/%.o)
SIM_OBJ := $(SIM_SRC:%.c=$(B)/%.o)

PROGS :=
ifneq ($(AP_SRC),)
PROGS += $(B)/bin/roamlab-ap
endif
ifneq ($(STA_SRC),)
PROGS += $(B)/bin/roamlab-sta
endif
ifneq ($(SIM_SRC),)
PROGS += $(B)/bin/roamlab
endif

# Unit tests: every tests/unit/test_*.c is its own Check program. Program
# sources other than main.c are linked into it too (tests of ap/, sta/, sim/
# code), so a test_ap_*.c can call ap/ functions.
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/unit/%)
AP_LIBOBJ  := $(filter-out $(B)/ap/main.o,$(AP_OBJ))
STA_LIBOBJ := $(filter-out $(B)/sta/main.o,$(STA_OBJ))
SIM_LIBOBJ := $(filter-out $(B)/sim/main.o,$(SIM_OBJ))

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)

# keep the test objects make would otherwise delete as intermediates
.SECONDARY:

.PHONY: all check unit unit-valgrind unit-bins fuzz fuzz-smoke lab lab-bins demo bench install clean deps kernel

all: $(LIB) $(PROGS) $(UNIT_BIN)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(COMMON_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(B)/bin/roamlab-ap: $(AP_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bin/roamlab-sta: $(STA_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The topology checker calls the programs' own fault parser
# (common/hs_fault.c, in $(LIB)), so a fault the lab accepts is one the
# programs accept.
$(B)/bin/roamlab: $(SIM_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Program code goes into archives for the tests, so a test links only the
# objects it uses (one program's unfinished code cannot break every test).
$(B)/libap.a: $(AP_LIBOBJ)
$(B)/libsta.a: $(STA_LIBOBJ)
$(B)/libsim.a: $(SIM_LIBOBJ)
$(B)/libap.a $(B)/libsta.a $(B)/libsim.a:
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

# libsim.a first: its topology checker uses fault parsers from libap/libsta.
# fake_drv.o: the one fake driver (tests/unit/fake_drv.h), in every unit test.
$(B)/tests/unit/%: $(B)/tests/unit/%.o $(B)/tests/unit/fake_drv.o $(B)/libsim.a $(B)/libap.a $(B)/libsta.a $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

# libFuzzer targets, always clang with ASan+UBSan, separate dir.
FUZZ_CFLAGS := -g -O1 -std=gnu11 -D_GNU_SOURCE -Icommon $(PKG_CFLAGS) \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
build-fuzz/%: tests/fuzz/%.c $(COMMON_SRC)
	@mkdir -p build-fuzz
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)clang $(FUZZ_CFLAGS) -o $@ $< $(filter-out common/main.c,$(COMMON_SRC)) $(LDLIBS)

# The topology checker, with the program code it calls.
TOPO_FUZZ_SRC := $(wildcard sim/topo*.c) sim/rules.c sim/model.c sim/frame.c
build-fuzz/fuzz_topo: tests/fuzz/fuzz_topo.c $(TOPO_FUZZ_SRC) $(COMMON_SRC)
	@mkdir -p build-fuzz
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)clang $(FUZZ_CFLAGS) -o $@ $< $(TOPO_FUZZ_SRC) $(COMMON_SRC) $(LDLIBS)

# fuzz_air reads what the lab's air tools read (sim/ code too)
FUZZ_AIR_SIM := sim/frame.c sim/pcap.c sim/pncheck.c sim/inject.c
build-fuzz/fuzz_air: tests/fuzz/fuzz_air.c $(FUZZ_AIR_SIM) $(COMMON_SRC)
	@mkdir -p build-fuzz
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_AIR_SIM) $(COMMON_SRC) $(LDLIBS)

deps:
	$(Q)ci/deps

kernel: deps
	$(Q)ci/kernel >/dev/null

unit-bins: $(LIB) $(UNIT_BIN)

unit: $(LIB) $(UNIT_BIN)
	$(Q)tests/unit/run $(UNIT_BIN)

# The unit tests under valgrind memcheck: reads of uninitialised memory.
unit-valgrind: $(LIB) $(UNIT_BIN)
	$(Q)CK_TIMEOUT_MULTIPLIER=20 UNIT_WRAP="valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=no" \
		tests/unit/run $(UNIT_BIN)

fuzz: $(FUZZ_BIN)
	$(Q)tests/fuzz/run $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-smoke: $(FUZZ_BIN)
	$(Q)tests/fuzz/run 5 $(FUZZ_BIN)

# Programs that run in the lab VM: with SAN=1 they are built with UBSan
# alone (see SAN=ubsan above) in build-ubsan/, which also holds the probe
# (tests/unit/test_drv) that the drv-* lab tests run.
LAB_B := $(if $(filter 1,$(SAN)),build-ubsan,$(B))
lab-bins:
	$(Q)$(MAKE) --no-print-directory $(if $(filter 1,$(SAN)),SAN=ubsan) all

lab: lab-bins kernel
	$(Q)ROAMLAB_BIN=$(CURDIR)/$(LAB_B)/bin tests/lab/run $(TESTS)

# check runs everything and ends with one plain "N passed, N failed" line.
# The unit tests run twice: as built, and built with ASan+UBSan (build-san/).
# With SAN=1 the lab runs programs built with UBSan (LAB_B above).
check: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory SAN=1 unit-bins
	$(Q)$(MAKE) --no-print-directory lab-bins
	$(Q)$(MAKE) --no-print-directory $(FUZZ_BIN)
	$(Q)ci/kernel >/dev/null
	$(Q)B=$(B) LAB_B=$(LAB_B) UNIT_BINS="$(UNIT_BIN)" \
		SAN_UNIT_BINS="$(if $(filter 1,$(SAN)),,$(UNIT_BIN:$(B)/%=build-san/%))" \
		FUZZ_BINS="$(FUZZ_BIN)" tests/check

demo: deps lab-bins
	$(Q)ci/kernel >/dev/null
	$(Q)ROAMLAB_BIN=$(CURDIR)/$(LAB_B)/bin tests/lab/demo

bench: deps lab-bins
	$(Q)ci/kernel >/dev/null
	$(Q)ROAMLAB_BIN=$(CURDIR)/$(LAB_B)/bin tests/bench/run

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	$(if $(PROGS),install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/)

clean:
	rm -rf build build-san build-ubsan build-fuzz

-include $(shell find $(B) -name '*.d' 2>/dev/null)
