package io.edgeloop.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Holds out the same share of every class (at least one image, never all), reproducibly for a seed. */
record StratifiedSplit(int[] train, int[] heldOut) {

    static StratifiedSplit of(int[] labels, int classes, double holdOut, long seed) {
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int held = (int) Math.min(members.size() - 1, Math.max(1, Math.round(holdOut * members.size())));
            heldOut.addAll(members.subList(0, held));
            train.addAll(members.subList(held, members.size()));
        }
        return new StratifiedSplit(toArray(train), toArray(heldOut));
    }

    private static int[] toArray(List<Integer> indexes) {
        return indexes.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
