package dev.ridgeline.roof.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import dev.ridgeline.platform.InvalidInputException;

/**
 * A trained roof classifier and, beside it, a model of the same labels that sees only where each image is: every
 * figure the first earns is printed next to the second's, since damage labels cluster in space.
 *
 * @param task what it classifies ({@code damage}, {@code material}, {@code condition})
 * @param labels the labels, sorted
 * @param images the model over image features ({@link dev.ridgeline.roof.RoofFeatures})
 * @param location the model over longitude and latitude alone
 * @param trainedOn how many images it learnt from
 * @param source where they came from and under what terms
 */
public record RoofModel(String task, List<String> labels, Model<Label> images, Model<Label> location, int trainedOn,
        String source, Instant trainedAt) implements Serializable {

    public void save(Path file) {
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream o = new ObjectOutputStream(out)) {
            o.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the model to " + file, e);
        }
    }

    /** Reads a model written by {@link #save}; only this record and Tribuo's and the JDK's classes are accepted. */
    public static RoofModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvalidInputException.of("model", file + " is not a file");
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(in)) {
            o.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "dev.ridgeline.roof.model.*;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;ml.dmlc.**;java.**;"
                            + "maxdepth=200;!*"));
            Object read = o.readObject();
            if (read instanceof RoofModel model) {
                return model;
            }
            throw InvalidInputException.of("model", file + " is not a roof model");
        } catch (IOException | ClassNotFoundException e) {
            throw InvalidInputException.of("model", file + " is not a roof model this build reads (" + e.getMessage() + ")");
        }
    }
}
