/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue.examples.spring;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.thinkqueue.examples.spring.SideEffects.Kind;

/** POST /users registers (with {@code --server}); GET /side-effects shows what was sent. */
@RestController
public class UserController {
  private final UserService users;
  private final SideEffects sideEffects;

  /**
   * The controller.
   *
   * @param users registers
   * @param sideEffects what the fakes delivered
   */
  public UserController(UserService users, SideEffects sideEffects) {
    this.users = users;
    this.sideEffects = sideEffects;
  }

  /**
   * A registration form.
   *
   * @param email the address
   * @param name the display name
   * @param salesRep the sales rep: anna, bo or chen
   */
  public record RegistrationForm(String email, String name, String salesRep) {}

  /**
   * Registers a user.
   *
   * @param form the registration
   * @return 201 with the user
   */
  @PostMapping("/users")
  public ResponseEntity<NewUser> register(@RequestBody RegistrationForm form) {
    NewUser user = users.register(form.email(), form.name(), form.salesRep());
    return ResponseEntity.status(HttpStatus.CREATED).body(user);
  }

  /**
   * What the fakes delivered so far.
   *
   * @return kind to address to count
   */
  @GetMapping("/side-effects")
  public Map<Kind, Map<String, Integer>> sideEffects() {
    return sideEffects.snapshot();
  }

  /**
   * A refused registration: 422 with the reason (its transaction, jobs included, rolled back).
   *
   * @param e the refusal
   * @return the answer
   */
  @ExceptionHandler(RegistrationRefusedException.class)
  public ResponseEntity<Map<String, String>> refused(RegistrationRefusedException e) {
    return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
  }
}
