package dcplan.model;

import java.util.List;

/** Bad input (exit code 2): every problem found, each one line naming the file and the key or row. */
public class InputException extends RuntimeException {
    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
