# SPDX-License-Identifier: BSD-3-Clause
# After the link (support/build/rules.mk reads this through keel-post-mk-y): build the
# loader keel.efi with GNU-EFI, carrying the kernel ELF, and the GPT disk image keel.img
# with it as EFI/BOOT/BOOTX64.EFI (BOOTAA64.EFI on arm64). `make run` boots keel.img
# under OVMF or AAVMF.

KEEL_EFI_SRC := $(KEEL_ROOT)/plat/efi
KEEL_EFI_OBJ := $(KO)/obj/plat/efi/loader
KEEL_EFI_APP := $(KO)/keel.efi
KEEL_EFI_DISK := $(KO)/keel.img
KEEL_EFI_ARCH := $(if $(filter arm64,$(KEEL_ARCH)),aarch64,$(KEEL_ARCH))
GNUEFI_INC ?= /usr/include/efi
GNUEFI_LIB ?= /usr/lib
KEEL_EFI_STAMP :=

# The OS's gnu-efi package when it has this architecture (Debian's is amd64-only on an
# amd64 machine); otherwise, for arm64, GNU-EFI built from source into the cache.
ifneq ($(words $(wildcard $(GNUEFI_LIB)/crt0-efi-$(KEEL_EFI_ARCH).o \
	$(GNUEFI_INC)/$(KEEL_EFI_ARCH)/efibind.h)),2)
ifeq ($(KEEL_EFI_ARCH),aarch64)
KEEL_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/keel
KEEL_EFI_GNUEFI_KEY := $(shell { cat $(KEEL_EFI_SRC)/gnu-efi.sh; echo '$(KEEL_CROSS)'; } | \
	sha256sum | cut -c1-16)
KEEL_EFI_GNUEFI := $(KEEL_CACHE)/gnu-efi/$(KEEL_EFI_ARCH)-$(KEEL_EFI_GNUEFI_KEY)
GNUEFI_INC := $(KEEL_EFI_GNUEFI)/include/efi
GNUEFI_LIB := $(KEEL_EFI_GNUEFI)/lib
KEEL_EFI_STAMP := $(KEEL_EFI_GNUEFI)/.built
$(KEEL_EFI_STAMP):
	$(Q)KEEL_CACHE='$(KEEL_CACHE)' KEEL_CROSS='$(KEEL_CROSS)' $(KEEL_EFI_SRC)/gnu-efi.sh \
		'$(KEEL_EFI_GNUEFI)' $(KEEL_EFI_ARCH)
else
$(error GNU-EFI for $(KEEL_EFI_ARCH) not found in $(GNUEFI_LIB) and $(GNUEFI_INC): install gnu-efi (sudo support/install-deps))
endif
endif
KEEL_EFI_CRT0 := $(GNUEFI_LIB)/crt0-efi-$(KEEL_EFI_ARCH).o
KEEL_EFI_LDS := $(GNUEFI_LIB)/elf_$(KEEL_EFI_ARCH)_efi.lds

# GNU-EFI's recipe: position-independent code linked as a shared object, then turned
# into PE32+ by objcopy (x86_64: objcopy writes the PE headers; aarch64: GNU-EFI's crt0
# holds them and objcopy writes the raw image). On x86_64 firmware calls use the
# Microsoft ABI directly (GNU_EFI_USE_MS_ABI).
KEEL_EFI_CFLAGS := -std=gnu11 -O2 -g0 -Wall -Wextra -Werror -ffreestanding -fpic \
	-fshort-wchar -fno-stack-protector -fno-stack-check -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables \
	$(if $(filter x86_64,$(KEEL_EFI_ARCH)),-DGNU_EFI_USE_MS_ABI -mno-red-zone -maccumulate-outgoing-args) \
	-I$(GNUEFI_INC) -I$(GNUEFI_INC)/$(KEEL_EFI_ARCH) -I$(KEEL_ROOT)/lib/core/include
KEEL_EFI_OBJS := $(addprefix $(KEEL_EFI_OBJ)/,main.o elf.o memmap.o cmdline.o initrd.o blob.o \
	$(if $(filter aarch64,$(KEEL_EFI_ARCH)),arm64_enter.o))
# aarch64: the PE header in GNU-EFI's crt0 takes its subsystem from the link (10: an EFI
# application); its linker script makes one read-write-execute segment, which that
# header splits into sections, so the linker's warning about it says nothing here.
KEEL_EFI_LDFLAGS := $(if $(filter aarch64,$(KEEL_EFI_ARCH)),--defsym=EFI_SUBSYSTEM=10 \
	--no-warn-rwx-segments)
KEEL_EFI_FORMAT := $(if $(filter aarch64,$(KEEL_EFI_ARCH)),-O binary, \
	--target efi-app-$(KEEL_EFI_ARCH) --subsystem=10)

$(KEEL_EFI_OBJ)/%.o: $(KEEL_EFI_SRC)/loader/%.c $(KEEL_EFI_SRC)/image.mk | $(KEEL_EFI_STAMP)
	$(call keel-show,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KEEL_EFI_CFLAGS) -MMD -MP -c $< -o $@

$(KEEL_EFI_OBJ)/arm64_enter.o: $(KEEL_EFI_SRC)/loader/arm64_enter.S
	$(call keel-show,AS,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -c $< -o $@

# The kernel goes in as the stripped ELF file; the loader reads its program headers.
# (On arm64 the image `make` leaves next to it is the raw Image: strip the ELF here.)
ifeq ($(KEEL_ARCH_IMAGE_FORMAT),binary)
KEEL_EFI_KERNEL := $(KEEL_EFI_OBJ)/kernel.elf
$(KEEL_EFI_KERNEL): $(KEEL_IMAGE).dbg
	$(call keel-show,STRIP,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(STRIP) -o $@ $<
else
KEEL_EFI_KERNEL := $(KEEL_IMAGE)
endif

$(KEEL_EFI_OBJ)/blob.o: $(KEEL_EFI_SRC)/loader/blob.S $(KEEL_EFI_KERNEL)
	$(call keel-show,AS,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -c -DKEEL_KERNEL_PATH='"$(KEEL_EFI_KERNEL)"' $< -o $@

-include $(KEEL_EFI_OBJS:.o=.d)

$(KEEL_EFI_APP): $(KEEL_EFI_OBJS)
	$(call keel-show,EFI,$@)
	$(Q)$(KEEL_CROSS)ld -nostdlib -znocombreloc -shared -Bsymbolic $(KEEL_EFI_LDFLAGS) \
		-T $(KEEL_EFI_LDS) \
		$(KEEL_EFI_CRT0) $(KEEL_EFI_OBJS) -L$(GNUEFI_LIB) -lefi -lgnuefi -o $@.so
	$(Q)$(KEEL_CROSS)objcopy -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
		-j '.rel.*' -j '.rela.*' -j .reloc $(KEEL_EFI_FORMAT) $@.so $@
	$(Q)rm -f $@.so

# An application with a rootfs/ gets its initrd.cpio on the ESP as EFI/BOOT/keel.initrd,
# which the loader passes to the kernel as its first boot module.
$(KEEL_EFI_DISK): $(KEEL_EFI_APP) $(KEEL_ROOT)/support/mkimage-efi $(KO)/.config $(KEEL_INITRD)
	$(call keel-show,DISK,$@)
	$(Q)KEEL_ARCH=$(KEEL_ARCH) $(KEEL_ROOT)/support/mkimage-efi \
		$(if $(KEEL_INITRD),--initrd $(KEEL_INITRD)) $< $@ $(CONFIG_EFI_IMAGE_SIZE_MB)

keel-post-y += $(KEEL_EFI_APP) $(KEEL_EFI_DISK)
keel-run-y := $(KEEL_ROOT)/support/qemu-run-efi $(KEEL_EFI_DISK)
