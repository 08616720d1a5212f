package dev.ridgeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Module boundaries: no cycles, no reach into another module's internals. Writes the module documentation to
 * {@code docs/modules} and keeps the README's module map in step with the code.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(RidgelineApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentationAndTheReadmeShowsTheCurrentMap() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        try (var files = Files.list(Path.of("docs/modules"))) {
            for (Path puml : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                stabilise(puml);
            }
        }
        String map = mermaid();
        Files.writeString(Path.of("docs/modules/module-map.mmd"), map);
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("README.md must embed the module map from docs/modules/module-map.mmd").contains(map);
    }

    /** The Documenter lists relations in no fixed order; sort them so regenerating changes nothing. */
    private static void stabilise(Path puml) throws IOException {
        var lines = Files.readAllLines(puml);
        var relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
        var out = new java.util.ArrayList<String>();
        boolean placed = false;
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                if (!placed) {
                    out.addAll(relations);
                    placed = true;
                }
            } else {
                out.add(line);
            }
        }
        Files.write(puml, out);
    }

    /** A Mermaid graph of modules and their direct dependencies, in a stable order. */
    static String mermaid() {
        StringBuilder out = new StringBuilder("graph LR\n");
        MODULES.stream().sorted(Comparator.comparing(ApplicationModule::getIdentifier, Comparator.comparing(Object::toString)))
                .forEach(module -> {
                    String deps = module.getDirectDependencies(MODULES).stream()
                            .map(ApplicationModuleDependency::getTargetModule)
                            .map(m -> m.getIdentifier().toString())
                            .filter(id -> !id.equals("platform"))
                            .distinct().sorted()
                            .collect(Collectors.joining(" & "));
                    String id = module.getIdentifier().toString();
                    out.append("  ").append(id).append(deps.isEmpty() ? "" : " --> " + deps).append('\n');
                });
        return out.toString();
    }
}
