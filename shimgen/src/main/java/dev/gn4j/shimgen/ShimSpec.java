package dev.gn4j.shimgen;

import java.util.List;

/**
 * Everything needed to emit one shim: which old library it impersonates, where it forwards, and which
 * symbols it must define under which version node.
 */
public record ShimSpec(ShimTarget target, ImportedLibrary imports) {
    public ShimSpec {
        if (!target.oldSoname().equals(imports.soname())) {
            throw new IllegalArgumentException(target.oldSoname() + " vs " + imports.soname());
        }
    }

    public String soname() {
        return target.oldSoname();
    }

    public String versionNode() {
        return imports.versionNode();
    }

    public List<String> symbols() {
        return imports.symbols();
    }
}
