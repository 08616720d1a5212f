package dev.ridgeline.outreach.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ridgeline.outreach.compliance.OptOutReader.Intent;

/** Replies as homeowners write them, each with what it must be read as. */
class OptOutReaderTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            STOP                                   | STOP   | act
            stop                                   | STOP   | act
            Stop.                                  | STOP   | act
            STOP!!!                                |STOP    | act
            '  s t o p  '                          | STOP   | act
            StopAll                                | STOP   | act
            STOP ALL                               | STOP   | act
            Unsubscribe                            | STOP   | act
            cancel                                 | STOP   | act
            END                                    | STOP   | act
            Quit                                   | STOP   | act
            revoke                                 | STOP   | act
            OPTOUT                                 | STOP   | act
            opt-out                                | STOP   | act
            Opt out please                         | STOP   | act
            stpo                                   | STOP   | act
            unsubscibe                             | STOP   | act
            unsuscribe                             | STOP   | act
            Stop texting me pls                    | STOP   | act
            please stop texting me                 | STOP   | act
            Stop messaging this number             | STOP   | act
            Don't text me again                    | STOP   | act
            dont contact me                        | STOP   | act
            Do not call or text me                 | STOP   | act
            no more texts                          | STOP   | act
            Remove me from your list               | STOP   | act
            take me off your list                  | STOP   | act
            remove my number please                | STOP   | act
            Remove me                              | STOP   | act
            Wrong number                           | STOP   | act
            wrong #                                | STOP   | act
            You have the wrong person              | STOP   | act
            Lose my number                         | STOP   | act
            leave me alone!                        | STOP   | act
            stop it                                | STOP   | act
            Stop please                            | STOP   | act
            STOP 🛑                                | STOP   | act
            Not interested                         | STOP   | review
            no thanks                              | STOP   | review
            this is spam                           | STOP   | review
            Can you stop by Tuesday?               | NONE   | none
            Stop by anytime after 5                | NONE   | none
            Yes please come take a look            | NONE   | none
            What time tomorrow?                    | NONE   | none
            The roof stopped leaking               | NONE   | none
            Who is this?                           | NONE   | none
            START                                  | START  | act
            unstop                                 | START  | act
            HELP                                   | HELP   | act
            info                                   | HELP   | act
            top                                    | NONE   | none
            """)
    void readsWhatThePersonMeant(String text, Intent intent, String action) {
        OptOutReader.Reading r = OptOutReader.read(text);
        assertThat(r.intent()).as("intent of \"" + text + "\" (" + r.because() + ")").isEqualTo(intent);
        switch (action) {
            case "act" -> assertThat(r.act()).as("acted on at once").isTrue();
            case "review" -> assertThat(r.review()).as("sent to review").isTrue();
            default -> assertThat(r.act() || r.review()).isFalse();
        }
    }
}
