# SPDX-License-Identifier: BSD-3-Clause
# After the link (support/build/rules.mk reads this through keel-post-mk-y): build the
# loader keel.efi with GNU-EFI, carrying the kernel ELF, and the GPT disk image keel.img
# with it as EFI/BOOT/BOOTX64.EFI. `make run` boots keel.img under OVMF.

KEEL_EFI_SRC := $(KEEL_ROOT)/plat/efi
KEEL_EFI_OBJ := $(KO)/obj/plat/efi/loader
KEEL_EFI_APP := $(KO)/keel.efi
KEEL_EFI_DISK := $(KO)/keel.img
KEEL_EFI_ARCH := $(if $(filter arm64,$(KEEL_ARCH)),aarch64,$(KEEL_ARCH))
GNUEFI_INC ?= /usr/include/efi
GNUEFI_LIB ?= /usr/lib
KEEL_EFI_CRT0 := $(GNUEFI_LIB)/crt0-efi-$(KEEL_EFI_ARCH).o
KEEL_EFI_LDS := $(GNUEFI_LIB)/elf_$(KEEL_EFI_ARCH)_efi.lds

ifeq ($(wildcard $(KEEL_EFI_CRT0) $(GNUEFI_INC)/efi.h),)
$(error GNU-EFI for $(KEEL_EFI_ARCH) not found in $(GNUEFI_LIB) and $(GNUEFI_INC): install gnu-efi (sudo support/install-deps))
endif

# GNU-EFI's recipe: position-independent code linked as a shared object, then turned
# into PE32+ by objcopy; firmware calls use the Microsoft ABI directly (GNU_EFI_USE_MS_ABI).
KEEL_EFI_CFLAGS := -std=gnu11 -O2 -g0 -Wall -Wextra -Werror -ffreestanding -fpic \
	-fshort-wchar -fno-stack-protector -fno-stack-check -fno-strict-aliasing \
	-fno-asynchronous-unwind-tables -DGNU_EFI_USE_MS_ABI \
	$(if $(filter x86_64,$(KEEL_EFI_ARCH)),-mno-red-zone -maccumulate-outgoing-args) \
	-I$(GNUEFI_INC) -I$(GNUEFI_INC)/$(KEEL_EFI_ARCH) -I$(KEEL_ROOT)/lib/core/include
KEEL_EFI_OBJS := $(addprefix $(KEEL_EFI_OBJ)/,main.o elf.o memmap.o cmdline.o blob.o)

$(KEEL_EFI_OBJ)/%.o: $(KEEL_EFI_SRC)/loader/%.c $(KEEL_EFI_SRC)/image.mk
	$(call keel-show,CC,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KEEL_EFI_CFLAGS) -MMD -MP -c $< -o $@

# The kernel goes in as the stripped ELF file; the loader reads its program headers.
$(KEEL_EFI_OBJ)/blob.o: $(KEEL_EFI_SRC)/loader/blob.S $(KEEL_IMAGE)
	$(call keel-show,AS,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) -c -DKEEL_KERNEL_PATH='"$(KEEL_IMAGE)"' $< -o $@

-include $(KEEL_EFI_OBJS:.o=.d)

$(KEEL_EFI_APP): $(KEEL_EFI_OBJS)
	$(call keel-show,EFI,$@)
	$(Q)$(KEEL_CROSS)ld -nostdlib -znocombreloc -shared -Bsymbolic -T $(KEEL_EFI_LDS) \
		$(KEEL_EFI_CRT0) $(KEEL_EFI_OBJS) -L$(GNUEFI_LIB) -lefi -lgnuefi -o $@.so
	$(Q)$(KEEL_CROSS)objcopy -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela \
		-j '.rel.*' -j '.rela.*' -j .reloc --target efi-app-$(KEEL_EFI_ARCH) \
		--subsystem=10 $@.so $@
	$(Q)rm -f $@.so

$(KEEL_EFI_DISK): $(KEEL_EFI_APP) $(KEEL_ROOT)/support/mkimage-efi $(KO)/.config
	$(call keel-show,DISK,$@)
	$(Q)KEEL_ARCH=$(KEEL_ARCH) $(KEEL_ROOT)/support/mkimage-efi $< $@ $(CONFIG_EFI_IMAGE_SIZE_MB)

keel-post-y += $(KEEL_EFI_APP) $(KEEL_EFI_DISK)
keel-run-y := $(KEEL_ROOT)/support/qemu-run-efi $(KEEL_EFI_DISK)
