package dcplan.cli;

import dcplan.model.InputException;
import dcplan.model.ModelLoader;
import dcplan.model.ModelValidator;
import dcplan.model.PlanningModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --strict} (a picocli mixin): what the loaders only warn about (a ban in a jurisdiction
 * where no site is, ...) becomes bad input, exit 2, for pipelines that must not run on a
 * doubtful input.
 */
final class StrictOption {
    @Option(names = "--strict", description = "Treat warnings about the inputs as errors (exit 2).")
    boolean strict;

    /** The model folder, loaded and checked; its warnings go to {@code note} (or, strict, fail the command). */
    PlanningModel loadModel(Path folder, Consumer<String> note) {
        PlanningModel model = ModelLoader.load(folder);
        check(ModelValidator.warnings(model, folder.toString()), note);
        return model;
    }

    /** Each warning as a "dcplan: warning: ..." line, or all of them as one bad input when strict. */
    void check(List<String> warnings, Consumer<String> note) {
        if (warnings.isEmpty()) {
            return;
        }
        if (strict) {
            throw new InputException(warnings.stream().map(w -> w + " (an error with --strict)").toList());
        }
        warnings.forEach(w -> note.accept("dcplan: warning: " + w));
    }
}
