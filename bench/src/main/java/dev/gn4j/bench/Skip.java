package dev.gn4j.bench;

/** Part of the matrix that did not run, and why: a device that is not there, a combination that makes no sense, a failure. */
public record Skip(String what, String reason) {
}
