package org.thinkqueue.examples;

/** A registered user, as the registration jobs receive it. */
public record NewUser(long id, String email, String name, String salesRep) {}
