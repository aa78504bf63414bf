package location
