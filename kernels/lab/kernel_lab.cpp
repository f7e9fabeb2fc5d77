// The kernel lab: runs the kernels of kernels/*.cu on the CPU, one OS thread per CUDA
// thread, for dev.gn4j.nativecuda's tests (KernelLab.java drives it over stdin/stdout).
//
// Scheduling. Blocks run one after another; the threads of a block are pooled OS threads.
// In the default serial mode exactly one thread of the block runs at a time and control
// passes only at a barrier, a warp shuffle or a thread's return, always to the
// lowest-numbered thread that can go on. A run is then deterministic, and a missing
// barrier shows as a wrong result on every run (warp 0 reads shared memory before the
// other warps have written it), not one run in a hundred. A barrier or a shuffle that some
// threads never reach is found the moment no thread can go on. The parallel mode
// (--parallel) runs all threads at once with real barriers, for ThreadSanitizer to see
// the kernels' own memory ordering (kernels/lab/tsan.sh).
//
// Memory. Every allocation is its own malloc of exactly the requested size, so a build
// with AddressSanitizer fails on any access past its end; transfers and pointer arguments
// must fall inside a live allocation.
//
// Protocol (little-endian, one command byte, each command answered before the next):
//   'A' u64 bytes                      -> u64 address (zero-filled)
//   'F' u64 address                    -> u8 0
//   'W' u64 address u64 n, n bytes     -> u8 0
//   'R' u64 address u64 n              -> n bytes
//   'Z' u64 address u64 n              -> u8 0       (memset 0)
//   'C' u64 dst u64 src u64 n          -> u8 0       (device-to-device copy)
//   'L' u16 len, name, u32 grid, u32 block, u8 count, count × (u8 letter, u64 bits) -> u8 0
//   'S'                                -> u32 count, count × (u16 len, "name signature")
//   'Q'                                -> exits 0
// A failure prints "kernel-lab: ..." on stderr and exits 3 (AddressSanitizer's own
// reports exit 1), so the Java side sees the stream end and reads the reason.
#include "gpu_emulation.h"
#include "kernel_lab.h"

#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <vector>

thread_local uint3 threadIdx;
uint3 blockIdx;
dim3 blockDim;
dim3 gridDim;

namespace gn4j_lab {

std::vector<Entry>& registry() {
    static std::vector<Entry> entries;
    return entries;
}

namespace {

constexpr int kMaxThreads = 1024;
constexpr int kWarp = 32;

bool g_parallel = false;
int g_watchdog_s = 120;
std::string g_entry = "(no launch)";

std::map<uint64_t, uint64_t> g_allocations;  // address -> bytes

enum class State { ready, at_barrier, at_shuffle, done };

struct Warp {
    int lanes = 0;
    int arrived = 0;
    int returned = 0;
    unsigned long long generation = 0;
    unsigned char slot[2][kWarp][8] = {};
};

// One block in flight, and the pool of OS threads that run it.
struct Block {
    std::mutex mu;
    std::condition_variable launcher;
    std::condition_variable all;          // parallel mode: barriers and shuffles
    std::vector<std::condition_variable*> wake;  // one per pooled thread
    std::vector<pthread_t> pool;

    unsigned long long job = 0;  // incremented per block
    int threads = 0;
    void (*body)(void*) = nullptr;
    void* body_arg = nullptr;

    std::vector<State> state;
    int current = -1;  // serial mode: the thread that runs
    int finished = 0;
    int barrier_arrived = 0;
    unsigned long long barrier_generation = 0;
    std::vector<Warp> warps;
};

Block g_block;

// Every __shared__ variable of the kernels (gpu_emulation.h puts them in this section).
extern "C" unsigned char __start_gn4j_shared[] __attribute__((weak));
extern "C" unsigned char __stop_gn4j_shared[] __attribute__((weak));

// Byte by byte and uninstrumented: AddressSanitizer's redzones between the arrays lie in the range.
__attribute__((no_sanitize("address"))) void poison_shared_memory() {
    for (volatile unsigned char* p = __start_gn4j_shared; p < __stop_gn4j_shared; p++) {
        *p = 0xFF;
    }
}

std::string where(int t) {
    return g_entry + " block " + std::to_string(blockIdx.x) + " thread " + std::to_string(t);
}

std::string states() {
    int at_barrier = 0, at_shuffle = 0, done = 0, ready = 0;
    for (State s : g_block.state) {
        at_barrier += s == State::at_barrier;
        at_shuffle += s == State::at_shuffle;
        done += s == State::done;
        ready += s == State::ready;
    }
    return std::to_string(at_barrier) + " at __syncthreads, " + std::to_string(at_shuffle) + " at a shuffle, " +
           std::to_string(done) + " returned, " + std::to_string(ready) + " running or not started";
}

// Serial mode, with mu held: hands control to the lowest-numbered thread that can go on and,
// unless `me` has returned, waits until control comes back to it.
void schedule(std::unique_lock<std::mutex>& lock, int me) {
    Block& b = g_block;
    int next = -1;
    for (int t = 0; t < b.threads; t++) {
        if (b.state[t] == State::ready) {
            next = t;
            break;
        }
    }
    if (next < 0) {
        if (b.finished == b.threads) {
            b.current = -1;
            b.launcher.notify_one();
            return;
        }
        fail(g_entry + " block " + std::to_string(blockIdx.x) + ": deadlock, no thread can go on (" + states() + ")");
    }
    b.current = next;
    if (next != me) {
        b.wake[next]->notify_one();
    }
    if (b.state[me] != State::done) {
        b.wake[me]->wait(lock, [&] { return b.current == me; });
    }
}

template <typename Pred>
void wait_parallel(std::unique_lock<std::mutex>& lock, int me, const char* what, Pred pred) {
    if (!g_block.all.wait_for(lock, std::chrono::seconds(g_watchdog_s), pred)) {
        fail(where(me) + ": waited " + std::to_string(g_watchdog_s) + " s at " + what + " (" + states() + ")");
    }
}

void thread_returned(std::unique_lock<std::mutex>& lock, int me) {
    Block& b = g_block;
    b.state[me] = State::done;
    b.finished++;
    if (b.barrier_arrived > 0) {
        fail(where(me) + " returned while " + std::to_string(b.barrier_arrived) +
             " threads of its block wait at __syncthreads (a barrier not every thread reaches)");
    }
    Warp& w = b.warps[me / kWarp];
    w.returned++;
    if (w.arrived > 0) {
        fail(where(me) + " returned while " + std::to_string(w.arrived) +
             " lanes of its warp wait at a full-mask shuffle");
    }
    if (g_parallel) {
        if (b.finished == b.threads) {
            b.launcher.notify_one();
        }
        b.all.notify_all();
    } else {
        schedule(lock, me);
    }
}

void* pool_thread(void* arg) {
    const int me = (int)(intptr_t)arg;
    Block& b = g_block;
    std::unique_lock<std::mutex> lock(b.mu);
    unsigned long long seen = 0;
    for (;;) {
        b.wake[me]->wait(lock, [&] {
            return b.job != seen && me < b.threads && (g_parallel || b.current == me);
        });
        seen = b.job;
        threadIdx = uint3{(unsigned)me, 0, 0};
        lock.unlock();
        b.body(b.body_arg);
        lock.lock();
        thread_returned(lock, me);
    }
    return nullptr;
}

void grow_pool(int threads) {
    Block& b = g_block;
    std::unique_lock<std::mutex> lock(b.mu);  // pooled threads read b.wake under it
    while ((int)b.pool.size() < threads) {
        const int index = (int)b.pool.size();
        b.wake.push_back(new std::condition_variable());
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 1 << 20);
        pthread_t t;
        if (pthread_create(&t, &attr, pool_thread, (void*)(intptr_t)index) != 0) {
            fail("could not start OS thread " + std::to_string(index) + " for a block of " + std::to_string(threads));
        }
        pthread_attr_destroy(&attr);
        b.pool.push_back(t);
    }
}

struct Launch {
    const Entry* entry;
    const std::vector<Arg>* args;
};

void run_body(void* p) {
    const Launch* l = static_cast<const Launch*>(p);
    l->entry->invoker(l->entry->fn, *l->args);
}

void launch(const Entry& e, unsigned grid, unsigned block, const std::vector<Arg>& args) {
    g_entry = e.name;
    if (grid < 1 || grid > 2147483647u || block < 1 || block > (unsigned)kMaxThreads) {
        fail(std::string(e.name) + ": invalid launch of " + std::to_string(grid) + " blocks of " +
             std::to_string(block) + " threads");
    }
    std::string wire;
    for (const Arg& a : args) {
        wire += a.letter;
    }
    if (wire != e.signature) {
        fail(std::string(e.name) + " is declared (" + e.signature + ") and was launched with (" + wire + ")");
    }
    grow_pool((int)block);
    Launch l{&e, &args};
    Block& b = g_block;
    for (unsigned g = 0; g < grid; g++) {
        std::unique_lock<std::mutex> lock(b.mu);
        gridDim = dim3{grid, 1, 1};
        blockDim = dim3{block, 1, 1};
        blockIdx = uint3{g, 0, 0};
        poison_shared_memory();
        b.threads = (int)block;
        b.body = run_body;
        b.body_arg = &l;
        b.state.assign(block, State::ready);
        b.finished = 0;
        b.barrier_arrived = 0;
        b.warps.assign((block + kWarp - 1) / kWarp, Warp{});
        for (unsigned w = 0; w < b.warps.size(); w++) {
            b.warps[w].lanes = (int)std::min<unsigned>(kWarp, block - w * kWarp);
        }
        b.job++;
        if (g_parallel) {
            b.current = -1;
            for (unsigned t = 0; t < block; t++) {
                b.wake[t]->notify_one();
            }
        } else {
            b.current = 0;
            b.wake[0]->notify_one();
        }
        if (!b.launcher.wait_for(lock, std::chrono::seconds(g_watchdog_s), [&] { return b.finished == b.threads; })) {
            fail(g_entry + " block " + std::to_string(g) + " did not finish within the " + std::to_string(g_watchdog_s) +
                 " s watchdog (" + states() + ")");
        }
    }
    g_entry = "(no launch)";
}

}  // namespace

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "kernel-lab: %s\n", message.c_str());
    std::fflush(stderr);
    _exit(3);
}

void require_device_range(uint64_t address, uint64_t bytes, const std::string& what) {
    auto it = g_allocations.upper_bound(address);
    if (it != g_allocations.begin()) {
        --it;
        if (address >= it->first && address - it->first <= it->second && bytes <= it->second - (address - it->first)) {
            return;
        }
    }
    fail(what + " [" + std::to_string(address) + ", +" + std::to_string(bytes) + ") is not inside a live allocation");
}

}  // namespace gn4j_lab

namespace gn4j_emu {

using gn4j_lab::Block;
using gn4j_lab::g_block;
using gn4j_lab::State;
using gn4j_lab::Warp;

void syncthreads() {
    Block& b = g_block;
    const int me = (int)threadIdx.x;
    std::unique_lock<std::mutex> lock(b.mu);
    if (b.finished > 0) {
        gn4j_lab::fail(gn4j_lab::where(me) + " reached __syncthreads after " + std::to_string(b.finished) +
                       " threads of its block returned (a barrier not every thread reaches)");
    }
    const unsigned long long generation = b.barrier_generation;
    if (++b.barrier_arrived == b.threads) {
        b.barrier_arrived = 0;
        b.barrier_generation++;
        if (gn4j_lab::g_parallel) {
            b.all.notify_all();
            return;
        }
        for (State& s : b.state) {
            if (s == State::at_barrier) {
                s = State::ready;
            }
        }
        gn4j_lab::schedule(lock, me);
        return;
    }
    if (gn4j_lab::g_parallel) {
        gn4j_lab::wait_parallel(lock, me, "__syncthreads", [&] { return b.barrier_generation != generation; });
    } else {
        b.state[me] = State::at_barrier;
        gn4j_lab::schedule(lock, me);
    }
}

void shfl_down(unsigned mask, void* value, int bytes, unsigned delta, int width) {
    Block& b = g_block;
    const int me = (int)threadIdx.x;
    const int lane = me % gn4j_lab::kWarp;
    if (mask != 0xffffffffu) {
        gn4j_lab::fail(gn4j_lab::where(me) + ": __shfl_down_sync with the partial mask " + std::to_string(mask) +
                       " (the kernels exchange over whole warps only)");
    }
    if (width != gn4j_lab::kWarp) {
        gn4j_lab::fail(gn4j_lab::where(me) + ": __shfl_down_sync of width " + std::to_string(width));
    }
    std::unique_lock<std::mutex> lock(b.mu);
    Warp& w = b.warps[me / gn4j_lab::kWarp];
    if (w.lanes != gn4j_lab::kWarp) {
        gn4j_lab::fail(gn4j_lab::where(me) + ": a full-mask shuffle in a warp of " + std::to_string(w.lanes) +
                       " threads (blocks must be a multiple of 32 threads)");
    }
    if (w.returned > 0) {
        gn4j_lab::fail(gn4j_lab::where(me) + ": a full-mask shuffle after " + std::to_string(w.returned) +
                       " lanes of its warp returned");
    }
    const unsigned long long generation = w.generation;
    std::memcpy(w.slot[generation & 1][lane], value, bytes);
    if (++w.arrived == gn4j_lab::kWarp) {
        w.arrived = 0;
        w.generation++;
        if (gn4j_lab::g_parallel) {
            b.all.notify_all();
        } else {
            const int first = me - lane;
            for (int t = first; t < first + gn4j_lab::kWarp; t++) {
                if (b.state[t] == State::at_shuffle) {
                    b.state[t] = State::ready;
                }
            }
            gn4j_lab::schedule(lock, me);
        }
    } else if (gn4j_lab::g_parallel) {
        gn4j_lab::wait_parallel(lock, me, "__shfl_down_sync", [&] { return w.generation != generation; });
    } else {
        b.state[me] = State::at_shuffle;
        gn4j_lab::schedule(lock, me);
    }
    const unsigned source = lane + delta;
    if (source < (unsigned)gn4j_lab::kWarp) {
        std::memcpy(value, w.slot[generation & 1][source], bytes);
    }
}

}  // namespace gn4j_emu

namespace {

void read_exact(void* dst, size_t n) {
    unsigned char* p = static_cast<unsigned char*>(dst);
    while (n > 0) {
        ssize_t got = read(0, p, n);
        if (got <= 0) {
            gn4j_lab::fail("the driving process closed the command stream");
        }
        p += got;
        n -= (size_t)got;
    }
}

void write_exact(const void* src, size_t n) {
    const unsigned char* p = static_cast<const unsigned char*>(src);
    while (n > 0) {
        ssize_t put = write(1, p, n);
        if (put <= 0) {
            gn4j_lab::fail("the driving process stopped reading");
        }
        p += put;
        n -= (size_t)put;
    }
}

template <typename T>
T read_value() {
    T v;
    read_exact(&v, sizeof v);
    return v;
}

void ok() {
    const unsigned char zero = 0;
    write_exact(&zero, 1);
}

const gn4j_lab::Entry* find_entry(const std::string& name) {
    for (const gn4j_lab::Entry& e : gn4j_lab::registry()) {
        if (name == e.name) {
            return &e;
        }
    }
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        if (a == "--parallel") {
            gn4j_lab::g_parallel = true;
        } else if (a == "--watchdog" && i + 1 < argc) {
            gn4j_lab::g_watchdog_s = std::atoi(argv[++i]);
        } else {
            gn4j_lab::fail("unknown argument " + a + " (kernel_lab [--parallel] [--watchdog SECONDS])");
        }
    }
    for (;;) {
        const char command = read_value<char>();
        switch (command) {
            case 'A': {
                const uint64_t bytes = read_value<uint64_t>();
                if (bytes == 0) {
                    gn4j_lab::fail("an allocation of 0 bytes");
                }
                void* p = std::calloc(bytes, 1);
                if (p == nullptr) {
                    gn4j_lab::fail("out of memory allocating " + std::to_string(bytes) + " bytes");
                }
                const uint64_t address = (uint64_t)(uintptr_t)p;
                gn4j_lab::g_allocations[address] = bytes;
                write_exact(&address, sizeof address);
                break;
            }
            case 'F': {
                const uint64_t address = read_value<uint64_t>();
                if (gn4j_lab::g_allocations.erase(address) != 1) {
                    gn4j_lab::fail("free of " + std::to_string(address) + ", which is not an allocation");
                }
                std::free((void*)(uintptr_t)address);
                ok();
                break;
            }
            case 'W': {
                const uint64_t address = read_value<uint64_t>();
                const uint64_t n = read_value<uint64_t>();
                gn4j_lab::require_device_range(address, n, "an upload");
                read_exact((void*)(uintptr_t)address, n);
                ok();
                break;
            }
            case 'R': {
                const uint64_t address = read_value<uint64_t>();
                const uint64_t n = read_value<uint64_t>();
                gn4j_lab::require_device_range(address, n, "a download");
                write_exact((const void*)(uintptr_t)address, n);
                break;
            }
            case 'Z': {
                const uint64_t address = read_value<uint64_t>();
                const uint64_t n = read_value<uint64_t>();
                gn4j_lab::require_device_range(address, n, "a memset");
                std::memset((void*)(uintptr_t)address, 0, n);
                ok();
                break;
            }
            case 'C': {
                const uint64_t dst = read_value<uint64_t>();
                const uint64_t src = read_value<uint64_t>();
                const uint64_t n = read_value<uint64_t>();
                gn4j_lab::require_device_range(dst, n, "a copy's destination");
                gn4j_lab::require_device_range(src, n, "a copy's source");
                std::memmove((void*)(uintptr_t)dst, (const void*)(uintptr_t)src, n);
                ok();
                break;
            }
            case 'L': {
                const uint16_t len = read_value<uint16_t>();
                std::string name(len, '\0');
                read_exact(name.data(), len);
                const uint32_t grid = read_value<uint32_t>();
                const uint32_t block = read_value<uint32_t>();
                const uint8_t count = read_value<uint8_t>();
                std::vector<gn4j_lab::Arg> args(count);
                for (gn4j_lab::Arg& a : args) {
                    a.letter = read_value<char>();
                    a.bits = read_value<uint64_t>();
                }
                const gn4j_lab::Entry* e = find_entry(name);
                if (e == nullptr) {
                    gn4j_lab::fail("no kernel " + name + " in this lab");
                }
                gn4j_lab::launch(*e, grid, block, args);
                ok();
                break;
            }
            case 'S': {
                const uint32_t count = (uint32_t)gn4j_lab::registry().size();
                write_exact(&count, sizeof count);
                for (const gn4j_lab::Entry& e : gn4j_lab::registry()) {
                    const std::string line = std::string(e.name) + " " + e.signature;
                    const uint16_t len = (uint16_t)line.size();
                    write_exact(&len, sizeof len);
                    write_exact(line.data(), len);
                }
                break;
            }
            case 'Q':
                _exit(0);  // the pooled threads wait forever; nothing to tear down
            default:
                gn4j_lab::fail(std::string("unknown command byte ") + std::to_string((int)(unsigned char)command));
        }
    }
}
