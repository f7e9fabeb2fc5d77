// The kernel lab's entry table: each kernels/*.cu module is compiled with a generated
// lab_MODULE.cpp that includes it and registers its extern "C" entry points by name. The
// parameter list of every entry is read from its C++ type, so a launch whose arguments
// disagree with the kernel's declaration is refused, and the lab can list the signatures
// for the Java side (dev.gn4j.nativecuda.Kernel) to compare.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace gn4j_lab {

// One launch argument as sent by the Java side: its signature letter and 8 bytes.
struct Arg {
    char letter;
    uint64_t bits;
};

[[noreturn]] void fail(const std::string& message);
// Throws (fails) unless [address, address + bytes) lies inside one live allocation.
void require_device_range(uint64_t address, uint64_t bytes, const std::string& what);

template <typename P>
constexpr char letter_of() {
    if constexpr (std::is_pointer_v<P>) {
        return 'p';
    } else if constexpr (std::is_same_v<P, int>) {
        return 'i';
    } else if constexpr (std::is_same_v<P, long long>) {
        return 'l';
    } else if constexpr (std::is_same_v<P, float>) {
        return 'f';
    } else if constexpr (std::is_same_v<P, double>) {
        return 'd';
    } else {
        static_assert(sizeof(P) == 0, "a kernel parameter type the lab does not know");
    }
}

template <typename P>
P decode(const Arg& a) {
    if constexpr (std::is_pointer_v<P>) {
        require_device_range(a.bits, 1, "a pointer argument");
        return reinterpret_cast<P>(static_cast<uintptr_t>(a.bits));
    } else {
        P v;
        std::memcpy(&v, &a.bits, sizeof(P));  // the Java side sends scalars little-endian in the low bytes
        return v;
    }
}

using Invoker = void (*)(void* fn, const std::vector<Arg>& args);

template <typename... P, size_t... I>
void invoke_with(void (*fn)(P...), const std::vector<Arg>& args, std::index_sequence<I...>) {
    fn(decode<P>(args[I])...);
}

template <typename... P>
void invoke(void* fn, const std::vector<Arg>& args) {
    invoke_with(reinterpret_cast<void (*)(P...)>(fn), args, std::index_sequence_for<P...>{});
}

struct Entry {
    const char* name;
    std::string signature;
    void* fn;
    Invoker invoker;
};

template <typename... P>
Entry entry(const char* name, void (*fn)(P...)) {
    return Entry{name, std::string{letter_of<P>()...}, reinterpret_cast<void*>(fn), &invoke<P...>};
}

std::vector<Entry>& registry();

struct Registrar {
    explicit Registrar(std::initializer_list<Entry> entries) {
        for (const Entry& e : entries) {
            registry().push_back(e);
        }
    }
};

}  // namespace gn4j_lab

// In a generated lab_MODULE.cpp, after including the module: GN4J_LAB_ENTRIES(a_f32, a_f64, ...).
#define GN4J_LAB_ENTRY(name) gn4j_lab::entry(#name, &name)
